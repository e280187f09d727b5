import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { closeDialog } from '../../actions/dialogs';
import { renameGroup } from '../../actions/groups';
import { Dialog } from '../../components/Dialog';
import { DialogButtons } from '../../components/DialogButtons';
import { Field } from '../../components/Field';
import { useOutcome } from '../../components/use-outcome';

/** Renames one group on every account at once (issue #12); main checks the name like the editor's group field. */
export function RenameGroupDialog({ name }: { name: string }) {
  const { t } = useTranslation();
  const [next, setNext] = useState(name);
  const { outcome, busy, run } = useOutcome();

  function submit(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      if (next.trim() !== name) await renameGroup(name, next);
      closeDialog();
      return null;
    });
  }

  return (
    <Dialog title={t('organise.renameGroup.title')} onClose={closeDialog}>
      <form onSubmit={submit} noValidate>
        <p>
          {t('organise.renameGroup.intro.before')}
          <bdi>{name}</bdi>
          {t('organise.renameGroup.intro.after')}
        </p>
        <Field
          label={t('organise.renameGroup.name')}
          help={t('organise.renameGroup.help')}
          value={next}
          data-autofocus
          autoComplete="off"
          error={outcome?.kind === 'error' ? outcome.text : null}
          onChange={(e) => setNext(e.target.value)}
        />
        <DialogButtons
          cancel={t('edit.cancel')}
          submit={t('organise.renameGroup.save')}
          onCancel={closeDialog}
          busy={busy}
        />
      </form>
    </Dialog>
  );
}
