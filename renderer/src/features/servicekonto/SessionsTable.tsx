import { useTranslation } from 'react-i18next';
import type { DeviceSession } from '../../../../shared/servicekonto/device-sessions';
import { LevelName } from './LevelName';

/**
 * The account's browser sessions as its server lists them to this desktop (issue #9): per session the
 * level it has now, the Table 2 time left if idle and at the latest, when it started, and which browser
 * and address it belongs to; the most recently active one marked. The times are as of `fetchedAt`.
 */
export function SessionsTable({ sessions, fetchedAt }: { sessions: readonly DeviceSession[]; fetchedAt: number }) {
  const { t, i18n } = useTranslation();
  const left = (seconds: number): string => {
    const m = Math.floor(seconds / 60);
    return m < 60 ? t('servicekonto.view.sessions.minutes', { m }) : t('servicekonto.view.sessions.hours', { h: Math.floor(m / 60), m: m % 60 });
  };
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
            <tr key={s.id} data-session={s.id} data-level={s.level} data-latest={s.latest ? 'true' : undefined}>
              <th scope="row">
                <span className="servicekonto-browser" title={s.browser}>
                  {s.browser || t('servicekonto.view.sessions.unknownBrowser')}
                </span>
                {s.ip ? <span className="hint"> · {s.ip}</span> : null}
                {s.latest ? <strong className="servicekonto-this"> · {t('servicekonto.view.sessions.latest')}</strong> : null}
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
              <td data-seconds={s.idleRemainingSeconds}>{left(s.idleRemainingSeconds)}</td>
              <td data-seconds={s.absoluteRemainingSeconds}>{left(s.absoluteRemainingSeconds)}</td>
              <td>{new Date(s.startedAt).toLocaleString(i18n.language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('servicekonto.view.sessions.asOf', { time: new Date(fetchedAt).toLocaleTimeString(i18n.language) })}</p>
    </>
  );
}
