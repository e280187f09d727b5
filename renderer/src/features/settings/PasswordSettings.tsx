import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { applyStatus } from '../../actions/vault';
import { notify } from '../../actions/notify';
import { vaultSetPassword } from '../../api/vault';
import { errorCode } from '../../api/bridge';
import { useStore } from '../../store';
import { Field } from '../../components/Field';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { FormError } from '../../components/FormError';

/** Which of the typed passwords is wrong, in words (main checks the current one itself). */
type PasswordProblems = { current?: string; next?: string; repeat?: string };

/**
 * The password form's fields and the one action behind both buttons: `run(next)` checks what was
 * typed, then sets `next` (or removes the password for null); the fields are cleared once main agrees.
 */
function usePasswordChange(hasPassword: boolean) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [fieldError, setFieldError] = useState<PasswordProblems>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(nextPassword: string | null) {
    setError(null);
    const problems: typeof fieldError = {};
    if (hasPassword && !current) problems.current = t('validation.passwordRequired');
    if (nextPassword !== null) {
      if (nextPassword.length < 8) problems.next = t('validation.passwordShort');
      else if (nextPassword !== repeat) problems.repeat = t('validation.passwordMismatch');
    }
    setFieldError(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    try {
      const status = await vaultSetPassword(hasPassword ? current : null, nextPassword);
      await applyStatus(status);
      setCurrent('');
      setNext('');
      setRepeat('');
      notify(t(nextPassword === null ? 'settings.passwordRemoved' : 'settings.passwordSaved'));
    } catch (e) {
      setError(t(`errors.${errorCode(e)}`));
    } finally {
      setBusy(false);
    }
  }

  return { current, setCurrent, next, setNext, repeat, setRepeat, fieldError, error, busy, run };
}

/** Set, change or remove the app password (main checks the current one). */
export function PasswordSettings() {
  const { t } = useTranslation();
  const hasPassword = useStore((s) => s.status?.hasPassword ?? false);
  const { current, setCurrent, next, setNext, repeat, setRepeat, fieldError, error, busy, run } =
    usePasswordChange(hasPassword);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(next);
  };

  return (
    <section className="settings-section" aria-labelledby="password-heading">
      <h3 id="password-heading">{t('settings.passwordHeading')}</h3>
      <p className="hint">{hasPassword ? t('settings.passwordSet') : t('settings.passwordNone')}</p>
      <form onSubmit={submit} noValidate>
        {hasPassword ? (
          <Field
            label={t('settings.currentPassword')}
            type="password"
            autoComplete="current-password"
            value={current}
            error={fieldError.current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        ) : null}
        <NewPasswordFields
          labels={[t('settings.newPassword'), t('settings.repeatPassword')]}
          password={next}
          repeat={repeat}
          errors={{ password: fieldError.next, repeat: fieldError.repeat }}
          onPassword={setNext}
          onRepeat={setRepeat}
        />
        <FormError message={error} />
        <div className="dialog-buttons">
          {hasPassword ? (
            <button type="button" className="danger" disabled={busy} onClick={() => void run(null)}>
              {t('settings.removePassword')}
            </button>
          ) : null}
          <button type="submit" disabled={busy}>
            {hasPassword ? t('settings.changePassword') : t('settings.setPassword')}
          </button>
        </div>
      </form>
    </section>
  );
}
