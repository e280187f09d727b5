import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addFromUri, addManual } from '../../actions/accounts';
import { errorCode } from '../../api/bridge';
import { useStore } from '../../store';
import { validateManual, validateUri, type ManualErrors, type ManualForm } from '../../validate';
import { Dialog } from '../../components/Dialog';
import { FormError } from '../../components/FormError';
import { DialogButtons } from '../../components/DialogButtons';
import { ManualAccountFields } from './ManualAccountFields';
import { UriField } from './UriField';

const emptyForm: ManualForm = {
  type: 'totp',
  issuer: '',
  label: '',
  secret: '',
  algorithm: 'SHA1',
  digits: '6',
  period: '30',
  counter: '0',
};

/** How an account is added: from an otpauth:// link, or typed in by hand. */
type AddMode = 'uri' | 'manual';

/** Add an account from an otpauth:// link or by typing the secret. Nothing is stored unless main accepts it. */
export function AddAccountDialog({ initialUri }: { initialUri?: string }) {
  const { t } = useTranslation();
  const close = () => useStore.getState().openDialog(null);
  const [mode, setMode] = useState<AddMode>('uri');
  const [uri, setUri] = useState(initialUri ?? '');
  const [uriError, setUriError] = useState<string | null>(null);
  const [form, setForm] = useState<ManualForm>(emptyForm);
  const [errors, setErrors] = useState<ManualErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ManualForm>(key: K, value: ManualForm[K]) =>
    setForm((f) => ({ ...f, [key]: value }));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    if (mode === 'uri') {
      const problem = validateUri(uri);
      setUriError(problem ? t(problem) : null);
      if (problem) return;
    } else {
      const checked = validateManual(form);
      setErrors(checked.errors);
      if (!checked.value) return;
    }
    setBusy(true);
    try {
      if (mode === 'uri') await addFromUri(uri.trim());
      else await addManual(validateManual(form).value!);
      close();
    } catch (err) {
      const code = errorCode(err);
      if (
        mode === 'uri' &&
        (code === 'invalid-uri' ||
          code === 'invalid-secret' ||
          code === 'invalid-parameter' ||
          code === 'unsupported-payload')
      ) {
        setUriError(t(`errors.${code}`));
      } else if (mode === 'manual' && code === 'invalid-secret') {
        setErrors((x) => ({ ...x, secret: `errors.${code}` }));
      } else {
        setFormError(t(`errors.${code}`));
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('add.title')} onClose={close} className="dialog-wide">
      <form onSubmit={(e) => void submit(e)} noValidate>
        <AddModeSwitch mode={mode} onChange={setMode} />

        {mode === 'uri' ? (
          <UriField uri={uri} error={uriError} onChange={setUri} />
        ) : (
          <ManualAccountFields form={form} errors={errors} set={set} />
        )}
        <FormError message={formError} />
        <DialogButtons
          cancel={t('add.cancel')}
          submit={t('add.submit')}
          onCancel={close}
          busy={busy}
        />
      </form>
    </Dialog>
  );
}

/** The two radio buttons that switch between pasting a link and typing the account in. */
function AddModeSwitch({ mode, onChange }: { mode: AddMode; onChange: (m: AddMode) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="segmented">
      <legend className="visually-hidden">{t('add.title')}</legend>
      <label>
        <input
          type="radio"
          name="add-mode"
          checked={mode === 'uri'}
          onChange={() => onChange('uri')}
        />
        {t('add.fromLink')}
      </label>
      <label>
        <input
          type="radio"
          name="add-mode"
          checked={mode === 'manual'}
          onChange={() => onChange('manual')}
        />
        {t('add.manual')}
      </label>
    </fieldset>
  );
}
