import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PairedAccountView, ServicekontoAccountView, ServicekontoSessionsView } from '../../../../shared/ipc/servicekonto-schemas';
import { errorCode } from '../../api/bridge';
import { LevelName } from './LevelName';
import { MeansTable } from './MeansTable';
import { SessionsTable } from './SessionsTable';
import { servicekontoAccount, servicekontoBlock, servicekontoForget, servicekontoRemove, servicekontoSessions } from './servicekonto-api';

/**
 * One paired account as its server shows it to this desktop, asked afresh on open and on "Refresh";
 * an active desktop also lists the account's browser sessions (level and Table 2 time left).
 * Blocking goes through MeansTable's confirmation; "Remove this desktop" asks first, and if the server
 * cannot remove it (unreachable, already removed) offers to forget the pairing here only.
 */
export function AccountPanel({ pairing, onGone }: { pairing: PairedAccountView; onGone: () => void }) {
  const { t } = useTranslation();
  const [view, setView] = useState<ServicekontoAccountView | null>(null);
  const [sessions, setSessions] = useState<{ list: ServicekontoSessionsView; at: number; atMono: number } | null>(null);
  // Said once, politely, when a session in the list runs out; the ticking times themselves are not announced.
  const [announcement, setAnnouncement] = useState('');
  const [sessionsError, setSessionsError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState<'ask' | 'failed' | null>(null);
  const fail = (e: unknown): void => setError(t(`errors.${errorCode(e)}`));
  const refresh = useCallback(async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setSessionsError(null);
    try {
      const v = await servicekontoAccount(pairing.id);
      setView(v);
      if (v.thisDevice.status === 'active') {
        // The old list stays until the new one is here (no flicker on a refetch after an expiry).
        // A failing session list (e.g. an older server) leaves the rest of the panel standing.
        try {
          setSessions({ list: await servicekontoSessions(pairing.id), at: Date.now(), atMono: performance.now() });
        } catch (e) {
          setSessions(null);
          setSessionsError(t(`errors.${errorCode(e)}`));
        }
      } else {
        setSessions(null);
      }
    } catch (e) {
      setError(t(`errors.${errorCode(e)}`));
    } finally {
      setBusy(false);
    }
  }, [pairing.id, t]);
  useEffect(() => void refresh(), [refresh]);
  const sessionExpired = useCallback((): void => {
    // Emptied first, so a second expiry later is announced again (a live region speaks on change).
    setAnnouncement('');
    void refresh().then(() => setAnnouncement(t('servicekonto.view.sessions.expiredAnnouncement')));
  }, [refresh, t]);

  const block = async (meansId: string): Promise<void> => {
    try {
      await servicekontoBlock(pairing.id, meansId);
    } catch (e) {
      fail(e);
      return;
    }
    await refresh();
  };
  const remove = async (localOnly: boolean): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await (localOnly ? servicekontoForget(pairing.id) : servicekontoRemove(pairing.id));
      onGone();
    } catch (e) {
      fail(e);
      setRemoving('failed');
    } finally {
      setBusy(false);
    }
  };

  const blocked = view?.thisDevice.status === 'blocked';
  return (
    <section className="servicekonto-account" aria-label={pairing.accountName} aria-busy={busy}>
      <h3>{pairing.accountName}</h3>
      <p className="servicekonto-origin">{pairing.origin}</p>
      {view ? (
        <>
          <p>
            {t('servicekonto.view.maxLevel')}: {view.maxLevel ? <LevelName level={view.maxLevel} /> : t('servicekonto.view.noLevel')}
          </p>
          {blocked ? <p role="alert">{t('servicekonto.view.thisBlocked')}</p> : null}
          {view.thisDevice.status === 'pending' ? <p className="hint">{t('servicekonto.pendingHint')}</p> : null}
          <MeansTable means={view.means} canBlock={view.thisDevice.status === 'active'} onBlock={block} />
          <h4>{t('servicekonto.view.attributes')}</h4>
          {view.attributes.length === 0 ? (
            <p className="hint">{t('servicekonto.view.noAttributes')}</p>
          ) : (
            <dl className="scan-summary servicekonto-attributes">
              {view.attributes.map((a) => (
                <div key={a.name} data-attribute={a.name}>
                  <dt>{t(`servicekonto.attr.${a.name}`, { defaultValue: a.name })}</dt>
                  <dd>
                    {a.value} · <LevelName level={a.level} />
                  </dd>
                </div>
              ))}
            </dl>
          )}
          <h4>{t('servicekonto.view.sessions.title')}</h4>
          {sessions ? <SessionsTable key={sessions.atMono} sessions={sessions.list.sessions} fetchedAt={sessions.at} fetchedAtMono={sessions.atMono} onExpired={sessionExpired} /> : null}
          {sessionsError ? <p role="alert">{sessionsError}</p> : null}
          {view.thisDevice.status !== 'active' ? <p className="hint">{t('servicekonto.view.sessions.onlyActive')}</p> : null}
        </>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      {removing ? (
        <div className="dialog-buttons" role="group" aria-label={t('servicekonto.view.remove')}>
          <p>{t(removing === 'ask' ? 'servicekonto.view.removeAsk' : 'servicekonto.view.removeFailed')}</p>
          <button type="button" onClick={() => setRemoving(null)}>
            {t('servicekonto.view.cancel')}
          </button>
          {removing === 'ask' ? (
            <button type="button" className="danger" disabled={busy} onClick={() => void remove(false)}>
              {t('servicekonto.view.removeConfirm')}
            </button>
          ) : (
            <button type="button" className="danger" disabled={busy} onClick={() => void remove(true)}>
              {t('servicekonto.view.forgetHere')}
            </button>
          )}
        </div>
      ) : (
        <div className="dialog-buttons">
          <button type="button" disabled={busy} onClick={() => void refresh()}>
            {t('servicekonto.view.refresh')}
          </button>
          <button type="button" className="danger" disabled={busy} onClick={() => setRemoving('ask')}>
            {t('servicekonto.view.remove')}
          </button>
        </div>
      )}
    </section>
  );
}
