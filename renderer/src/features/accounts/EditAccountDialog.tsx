import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { updateAccount } from '../../actions/accounts';
import { errorCode } from '../../api/bridge';
import { useStore } from '../../store';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { DialogButtons } from '../../components/DialogButtons';

/** Rename an account's service and account name, and set its groups (comma-separated tags). */
export function EditAccountDialog({ id }: { id: string }) {
  const { t } = useTranslation();
  const account = useStore((s) => s.byId[id]);
  const close = () => useStore.getState().openDialog(null);
  const [issuer, setIssuer] = useState(account?.issuer ?? '');
  const [label, setLabel] = useState(account?.label ?? '');
  const [tags, setTags] = useState(account?.tags.join(', ') ?? '');
  const [labelError, setLabelError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    if (!label.trim()) {
      setLabelError(t('validation.labelRequired'));
      return;
    }
    setLabelError(null);
    setBusy(true);
    try {
      await updateAccount(id, {
        issuer: issuer.trim(),
        label: label.trim(),
        tags: tags.split(','),
      });
      close();
    } catch (err) {
      setFormError(t(`errors.${errorCode(err)}`));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('edit.title')} onClose={close}>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Field
          label={t('add.issuer')}
          value={issuer}
          data-autofocus
          onChange={(e) => setIssuer(e.target.value)}
        />
        <Field
          label={t('add.label')}
          value={label}
          required
          error={labelError}
          onChange={(e) => setLabel(e.target.value)}
        />
        <Field
          label={t('organise.tags')}
          help={t('organise.tagsHelp')}
          value={tags}
          autoComplete="off"
          onChange={(e) => setTags(e.target.value)}
        />
        <FormError message={formError} />
        <DialogButtons
          cancel={t('edit.cancel')}
          submit={t('edit.save')}
          onCancel={close}
          busy={busy}
        />
      </form>
    </Dialog>
  );
}
