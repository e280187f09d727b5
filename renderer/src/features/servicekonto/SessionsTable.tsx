import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceSession } from '../../../../shared/servicekonto/device-sessions';
import { LevelName } from './LevelName';
import { secondsLeft, startCountdown } from './session-countdown';
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

  const left = (seconds: number): string => {
    if (seconds === 0) return t('servicekonto.view.sessions.expired');
    if (seconds < 60) return t('servicekonto.view.sessions.seconds', { s: seconds });
    const m = Math.floor(seconds / 60);
    return m < 60
      ? t('servicekonto.view.sessions.minutesSeconds', { m, s: seconds % 60 })
      : t('servicekonto.view.sessions.hours', { h: Math.floor(m / 60), m: m % 60 });
  };
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
          {sessions.map((s) => {
            const idle = secondsLeft(s.idleRemainingSeconds, elapsed);
            const absolute = secondsLeft(s.absoluteRemainingSeconds, elapsed);
            return (
              <tr
                key={s.id}
                data-session={s.id}
                data-level={s.level}
                data-latest={s.latest ? 'true' : undefined}
                data-expired={idle === 0 || absolute === 0 ? 'true' : undefined}
              >
                <th scope="row">
                  <span className="servicekonto-browser" title={s.browser || undefined}>
                    {browserName(s.browser)}
                  </span>
                  {s.ip ? <span className="hint"> · {s.ip}</span> : null}
                  {s.latest ? (
                    <strong className="servicekonto-this">
                      {' '}
                      · {t('servicekonto.view.sessions.latest')}
                    </strong>
                  ) : null}
                </th>
                <td>
                  <LevelName level={s.level} />
                  {s.downgradedFrom ? (
                    <span className="hint">
                      {' '}
                      ({t('servicekonto.view.sessions.downgraded')}{' '}
                      <LevelName level={s.downgradedFrom} />)
                    </span>
                  ) : null}
                </td>
                <td data-seconds={idle} aria-live="off">
                  {left(idle)}
                </td>
                <td data-seconds={absolute} aria-live="off">
                  {left(absolute)}
                </td>
                <td>{new Date(s.startedAt).toLocaleString(i18n.language)}</td>
              </tr>
            );
          })}
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
