import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PairedAccountView } from '../../../../shared/ipc/servicekonto-schemas';
import { errorCode } from '../../api/bridge';
import { Dialog } from '../../components/Dialog';
import { useStore } from '../../store';
import { AccountPanel } from './AccountPanel';
import { servicekontoList } from './servicekonto-api';

/**
 * "Servicekonto": every paired account with what its server shows this desktop — the account's
 * maximum Vertrauensniveau, each means (this desktop marked) with block (sperren) buttons, the
 * attributes with their levels — plus refresh and "remove this desktop".
 */
export function ServicekontoDialog() {
  const { t } = useTranslation();
  const close = (): void => useStore.getState().openDialog(null);
  const [pairings, setPairings] = useState<PairedAccountView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    servicekontoList().then(setPairings, (e: unknown) => setError(t(`errors.${errorCode(e)}`)));
  }, [t]);
  useEffect(load, [load]);
  return (
    <Dialog title={t('servicekonto.view.title')} onClose={close} className="dialog-wide">
      {error ? <p role="alert">{error}</p> : null}
      {pairings === null && !error ? <p className="hint">{t('app.loading')}</p> : null}
      {pairings?.length === 0 ? <p className="hint">{t('servicekonto.view.none')}</p> : null}
      {pairings?.map((p) => (
        <AccountPanel key={p.id} pairing={p} onGone={load} />
      ))}
      <div className="dialog-buttons">
        <button type="button" data-autofocus onClick={close}>
          {t('servicekonto.close')}
        </button>
      </div>
    </Dialog>
  );
}
