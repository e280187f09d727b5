import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { closeDialog } from '../../actions/dialogs';
import { renameGroup } from '../../actions/groups';
import { errorCode } from '../../api/bridge';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';

/** Renames one group on every account at once (issue #12); main checks the name like the editor's group field. */
export function RenameGroupDialog({ name }: { name: string }) {
  const { t } = useTranslation();
  const [next, setNext] = useState(name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (next.trim() === name) return closeDialog();
    setBusy(true);
    try {
      await renameGroup(name, next);
      closeDialog();
    } catch (err) {
      setError(t(`errors.${errorCode(err)}`));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('organise.renameGroup.title')} onClose={closeDialog}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <p>
          {t('organise.renameGroup.intro.before')}
          <bdi>{name}</bdi>
          {t('organise.renameGroup.intro.after')}
        </p>
        <Field label={t('organise.renameGroup.name')} help={t('organise.renameGroup.help')} value={next} data-autofocus autoComplete="off" error={error} onChange={(e) => setNext(e.target.value)} />
        <div className="dialog-buttons">
          <button type="button" onClick={closeDialog}>
            {t('edit.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {t('organise.renameGroup.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
