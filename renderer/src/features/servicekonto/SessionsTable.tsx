import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceSession } from '../../../../shared/servicekonto/device-sessions';
import { startCountdown } from './session-countdown';
import { SessionRow } from './SessionRow';
import { useBrowserName } from './use-browser-name';

/** What the table is given: the list as fetched, when (wall clock for the "as of" line, monotonic for the countdown), and what to do when a session runs out. */
export interface SessionsTableProps {
  sessions: readonly DeviceSession[];
  /** `Date.now()` at the fetch: shown as "as of". */
  fetchedAt: number;
  /** `performance.now()` at the fetch: the countdown's zero. */
  fetchedAtMono: number;
  /** Called once when a session that had time left runs out (the panel refetches and announces it). */
  onExpired: () => void;
}

/**
 * The account's browser sessions as its server lists them to this desktop (issue #9): per session the
 * level it has now, the Table 2 time left if idle and at the latest — counted down live, once a second,
 * from the fetch — when it started, and which browser ("Chrome on Linux"; the raw User-Agent in the
 * tooltip) and address it belongs to; the most recently active one marked. The ticking numbers are
 * `aria-live="off"`, so a screen reader does not re-read them every second; the panel announces an
 * expiry once, politely. Nothing animates, so reduced motion needs nothing extra.
 */
export function SessionsTable({
  sessions,
  fetchedAt,
  fetchedAtMono,
  onExpired,
}: SessionsTableProps) {
  const { t, i18n } = useTranslation();
  // The panel keys this table by the fetch, so a new list starts a fresh state and interval.
  const [elapsed, setElapsed] = useState(() => performance.now() - fetchedAtMono);
  useEffect(() => {
    return startCountdown({
      sessions,
      fetchedAt: fetchedAtMono,
      now: () => performance.now(),
      onTick: setElapsed,
      onExpired,
    });
  }, [sessions, fetchedAtMono, onExpired]);

  const browserName = useBrowserName();
  if (sessions.length === 0) return <p className="hint">{t('servicekonto.view.sessions.none')}</p>;
  return (
    <>
      <table className="servicekonto-means servicekonto-sessions">
        <caption>{t('servicekonto.view.sessions.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('servicekonto.view.sessions.browser')}</th>
            <th scope="col">{t('servicekonto.level')}</th>
            <th scope="col">{t('servicekonto.view.sessions.idle')}</th>
            <th scope="col">{t('servicekonto.view.sessions.absolute')}</th>
            <th scope="col">{t('servicekonto.view.sessions.started')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <SessionRow key={s.id} session={s} elapsed={elapsed} browserName={browserName} />
          ))}
        </tbody>
      </table>
      <p className="hint">
        {t('servicekonto.view.sessions.asOf', {
          time: new Date(fetchedAt).toLocaleTimeString(i18n.language),
        })}
      </p>
    </>
  );
}
