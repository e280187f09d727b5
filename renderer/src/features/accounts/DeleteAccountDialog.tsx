import { useTranslation } from 'react-i18next';
import { deleteAccount } from '../../actions/accounts';
import { useStore } from '../../store';
import { displayName } from '../../store/selectors';
import { Dialog } from '../../components/Dialog';

/** Asks before deleting: a second, deliberate action (Undo still follows for a few seconds). */
export function DeleteAccountDialog({ id }: { id: string }) {
  const { t } = useTranslation();
  const account = useStore((s) => s.byId[id]);
  const close = () => useStore.getState().openDialog(null);
  if (!account) return null;
  const name = displayName(account);
  return (
    <Dialog title={t('deleteDialog.title', { name })} onClose={close}>
      <p className="hint">{t('deleteDialog.body')}</p>
      <div className="dialog-buttons">
        <button type="button" data-autofocus onClick={close}>
          {t('deleteDialog.cancel')}
        </button>
        <button
          type="button"
          className="primary danger-fill"
          onClick={() => {
            close();
            void deleteAccount(id);
          }}
        >
          {t('deleteDialog.confirm')}
        </button>
      </div>
    </Dialog>
  );
}
