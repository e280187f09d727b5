import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  PairedAccountView,
  ServicekontoAccountView,
} from '../../../../shared/ipc/servicekonto-schemas';
import { errorCode } from '../../api/bridge';
import { AccountActions, type RemoveStep } from './AccountActions';
import { AccountAttributes } from './AccountAttributes';
import { LevelName } from './LevelName';
import { MeansTable } from './MeansTable';
import { SessionsTable } from './SessionsTable';
import { servicekontoBlock, servicekontoForget, servicekontoRemove } from './servicekonto-api';
import { usePairedAccount, type FetchedSessions } from './use-paired-account';

/**
 * One paired account as its server shows it to this desktop, asked afresh on open and on "Refresh";
 * an active desktop also lists the account's browser sessions (level and Table 2 time left).
 * Blocking goes through MeansTable's confirmation; "Remove this desktop" asks first, and if the server
 * cannot remove it (unreachable, already removed) offers to forget the pairing here only.
 */
export function AccountPanel({
  pairing,
  onGone,
}: {
  pairing: PairedAccountView;
  onGone: () => void;
}) {
  const { t } = useTranslation();
  const { view, sessions, sessionsError, error, setError, busy, setBusy, refresh } =
    usePairedAccount(pairing.id);
  // Said once, politely, when a session in the list runs out; the ticking times themselves are not announced.
  const [announcement, setAnnouncement] = useState('');
  const [removing, setRemoving] = useState<RemoveStep>(null);
  const fail = (e: unknown): void => setError(t(`errors.${errorCode(e)}`));
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

  return (
    <section className="servicekonto-account" aria-label={pairing.accountName} aria-busy={busy}>
      <h3>{pairing.accountName}</h3>
      <p className="servicekonto-origin">{pairing.origin}</p>
      {view ? (
        <AccountView
          view={view}
          sessions={sessions}
          sessionsError={sessionsError}
          onBlock={block}
          onSessionExpired={sessionExpired}
        />
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <AccountActions
        removing={removing}
        onRemoving={setRemoving}
        busy={busy}
        onRemove={(localOnly) => void remove(localOnly)}
        onRefresh={() => void refresh()}
      />
    </section>
  );
}

/** What the server says about the account: its level, this desktop's state, the means, attributes, sessions. */
function AccountView({
  view,
  sessions,
  sessionsError,
  onBlock,
  onSessionExpired,
}: {
  view: ServicekontoAccountView;
  sessions: FetchedSessions | null;
  sessionsError: string | null;
  onBlock: (meansId: string) => Promise<void>;
  onSessionExpired: () => void;
}) {
  const { t } = useTranslation();
  const blocked = view.thisDevice.status === 'blocked';
  return (
    <>
      <p>
        {t('servicekonto.view.maxLevel')}:{' '}
        {view.maxLevel ? <LevelName level={view.maxLevel} /> : t('servicekonto.view.noLevel')}
      </p>
      {blocked ? <p role="alert">{t('servicekonto.view.thisBlocked')}</p> : null}
      {view.thisDevice.status === 'pending' ? (
        <p className="hint">{t('servicekonto.pendingHint')}</p>
      ) : null}
      <MeansTable
        means={view.means}
        canBlock={view.thisDevice.status === 'active'}
        onBlock={onBlock}
      />
      <AccountAttributes attributes={view.attributes} />
      <h4>{t('servicekonto.view.sessions.title')}</h4>
      {sessions ? (
        <SessionsTable
          key={sessions.atMono}
          sessions={sessions.list.sessions}
          fetchedAt={sessions.at}
          fetchedAtMono={sessions.atMono}
          onExpired={onSessionExpired}
        />
      ) : null}
      {sessionsError ? <p role="alert">{sessionsError}</p> : null}
      {view.thisDevice.status !== 'active' ? (
        <p className="hint">{t('servicekonto.view.sessions.onlyActive')}</p>
      ) : null}
    </>
  );
}
