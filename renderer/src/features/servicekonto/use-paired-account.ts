import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ServicekontoAccountView,
  ServicekontoSessionsView,
} from '../../../../shared/ipc/servicekonto-schemas';
import { errorCode } from '../../api/bridge';
import { servicekontoAccount, servicekontoSessions } from './servicekonto-api';

/** A session list as fetched, with when: wall clock (shown as "as of") and monotonic (the countdown's zero). */
export interface FetchedSessions {
  readonly list: ServicekontoSessionsView;
  readonly at: number;
  readonly atMono: number;
}

/**
 * A paired account as its server shows it to this desktop, fetched on mount and by `refresh`; an
 * active desktop's browser sessions come along. A failing session list (e.g. an older server) sets
 * only `sessionsError`, so the rest of the panel stays. `busy` and `error` are shared with the panel's
 * own actions (block, remove), hence their setters.
 */
export function usePairedAccount(pairingId: string) {
  const { t } = useTranslation();
  const [view, setView] = useState<ServicekontoAccountView | null>(null);
  const [sessions, setSessions] = useState<FetchedSessions | null>(null);
  const [sessionsError, setSessionsError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = useCallback(async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setSessionsError(null);
    try {
      const v = await servicekontoAccount(pairingId);
      setView(v);
      if (v.thisDevice.status === 'active') {
        // The old list stays until the new one is here (no flicker on a refetch after an expiry).
        try {
          setSessions({
            list: await servicekontoSessions(pairingId),
            at: Date.now(),
            atMono: performance.now(),
          });
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
  }, [pairingId, t]);
  useEffect(() => void refresh(), [refresh]);
  return { view, sessions, sessionsError, error, setError, busy, setBusy, refresh };
}
