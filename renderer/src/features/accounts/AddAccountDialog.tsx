import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { addFromUri, addManual } from '../../actions/accounts';
import { errorCode } from '../../api/bridge';
import { useStore } from '../../store';
import { validateManual, validateUri, type ManualErrors, type ManualForm } from '../../validate';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { DialogButtons } from '../../components/DialogButtons';

const emptyForm: ManualForm = { type: 'totp', issuer: '', label: '', secret: '', algorithm: 'SHA1', digits: '6', period: '30', counter: '0' };

/** Add an account from an otpauth:// link or by typing the secret. Nothing is stored unless main accepts it. */
export function AddAccountDialog({ initialUri }: { initialUri?: string }) {
  const { t } = useTranslation();
  const close = () => useStore.getState().openDialog(null);
  const [mode, setMode] = useState<'uri' | 'manual'>('uri');
  const [uri, setUri] = useState(initialUri ?? '');
  const [uriError, setUriError] = useState<string | null>(null);
  const [form, setForm] = useState<ManualForm>(emptyForm);
  const [errors, setErrors] = useState<ManualErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ManualForm>(key: K, value: ManualForm[K]) => setForm((f) => ({ ...f, [key]: value }));

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
      if (mode === 'uri' && (code === 'invalid-uri' || code === 'invalid-secret' || code === 'invalid-parameter' || code === 'unsupported-payload')) {
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
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('add.title')}</legend>
          <label>
            <input type="radio" name="add-mode" checked={mode === 'uri'} onChange={() => setMode('uri')} />
            {t('add.fromLink')}
          </label>
          <label>
            <input type="radio" name="add-mode" checked={mode === 'manual'} onChange={() => setMode('manual')} />
            {t('add.manual')}
          </label>
        </fieldset>

        {mode === 'uri' ? (
          <Field
            label={t('add.uriLabel')}
            help={t('add.uriHelp')}
            error={uriError}
            control={({ id, describedBy, invalid }) => (
              <textarea
                id={id}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                rows={3}
                value={uri}
                spellCheck={false}
                data-autofocus
                onChange={(e) => setUri(e.target.value)}
                // A link is one line: Enter adds (Shift+Enter still breaks the line).
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
                    e.preventDefault();
                    e.currentTarget.form?.requestSubmit();
                  }
                }}
              />
            )}
          />
        ) : (
          <>
            <Field label={t('add.issuer')} help={t('add.issuerHelp')} error={errors.issuer ? t(errors.issuer) : null} value={form.issuer} autoFocus onChange={(e) => set('issuer', e.target.value)} />
            <Field label={t('add.label')} help={t('add.labelHelp')} error={errors.label ? t(errors.label) : null} value={form.label} required onChange={(e) => set('label', e.target.value)} />
            <Field
              label={t('add.secret')}
              help={t('add.secretHelp')}
              error={errors.secret ? t(errors.secret) : null}
              value={form.secret}
              required
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => set('secret', e.target.value)}
            />
            <details className="advanced">
              <summary>{t('add.advanced')}</summary>
              <Field
                label={t('add.type')}
                control={({ id }) => (
                  <select id={id} value={form.type} onChange={(e) => set('type', e.target.value as ManualForm['type'])}>
                    <option value="totp">{t('add.totp')}</option>
                    <option value="hotp">{t('add.hotp')}</option>
                  </select>
                )}
              />
              <Field
                label={t('add.algorithm')}
                control={({ id }) => (
                  <select id={id} value={form.algorithm} onChange={(e) => set('algorithm', e.target.value as ManualForm['algorithm'])}>
                    <option value="SHA1">SHA-1</option>
                    <option value="SHA256">SHA-256</option>
                    <option value="SHA512">SHA-512</option>
                  </select>
                )}
              />
              <Field label={t('add.digits')} inputMode="numeric" error={errors.digits ? t(errors.digits) : null} value={form.digits} onChange={(e) => set('digits', e.target.value)} />
              {form.type === 'totp' ? (
                <Field label={t('add.period')} inputMode="numeric" error={errors.period ? t(errors.period) : null} value={form.period} onChange={(e) => set('period', e.target.value)} />
              ) : (
                <Field label={t('add.counter')} inputMode="numeric" error={errors.counter ? t(errors.counter) : null} value={form.counter} onChange={(e) => set('counter', e.target.value)} />
              )}
            </details>
          </>
        )}
        <FormError message={formError} />
        <DialogButtons cancel={t('add.cancel')} submit={t('add.submit')} onCancel={close} busy={busy} />
      </form>
    </Dialog>
  );
}
