import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DeviceSession } from '../../../../shared/servicekonto/device-sessions';
import { LevelName } from './LevelName';
import { secondsLeft } from './session-countdown';

/** Time left in words: "expired", seconds, minutes and seconds, or hours and minutes. */
export function timeLeftText(t: TFunction, seconds: number): string {
  if (seconds === 0) return t('servicekonto.view.sessions.expired');
  if (seconds < 60) return t('servicekonto.view.sessions.seconds', { s: seconds });
  const m = Math.floor(seconds / 60);
  return m < 60
    ? t('servicekonto.view.sessions.minutesSeconds', { m, s: seconds % 60 })
    : t('servicekonto.view.sessions.hours', { h: Math.floor(m / 60), m: m % 60 });
}

/**
 * One browser session as a table row: browser (raw User-Agent as tooltip) and address, the level (and
 * what it was downgraded from), idle and absolute time left `elapsed` ms after the fetch, and the start.
 */
export function SessionRow({
  session: s,
  elapsed,
  browserName,
}: {
  session: DeviceSession;
  elapsed: number;
  browserName: (userAgent: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const idle = secondsLeft(s.idleRemainingSeconds, elapsed);
  const absolute = secondsLeft(s.absoluteRemainingSeconds, elapsed);
  return (
    <tr
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
          <strong className="servicekonto-this"> · {t('servicekonto.view.sessions.latest')}</strong>
        ) : null}
      </th>
      <td>
        <LevelName level={s.level} />
        {s.downgradedFrom ? (
          <span className="hint">
            {' '}
            ({t('servicekonto.view.sessions.downgraded')} <LevelName level={s.downgradedFrom} />)
          </span>
        ) : null}
      </td>
      <td data-seconds={idle} aria-live="off">
        {timeLeftText(t, idle)}
      </td>
      <td data-seconds={absolute} aria-live="off">
        {timeLeftText(t, absolute)}
      </td>
      <td>{new Date(s.startedAt).toLocaleString(i18n.language)}</td>
    </tr>
  );
}
