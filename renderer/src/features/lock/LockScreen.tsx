import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { unlock } from '../../actions/vault';
import { errorCode } from '../../api/bridge';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { OsUnlockButton } from '../os-unlock/OsUnlockButton';

/** Shown while main says the vault is locked; nothing from the vault is in the page meanwhile. */
export function LockScreen() {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!password) {
      setError(t('validation.passwordRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await unlock(password);
    } catch (err) {
      setError(t(`errors.${errorCode(err)}`));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="lock-screen">
      <form className="lock-card" onSubmit={(e) => void submit(e)} noValidate>
        <h1>{t('lock.title')}</h1>
        <p className="hint">{t('lock.hint')}</p>
        <Field
          label={t('lock.password')}
          type="password"
          autoComplete="current-password"
          autoFocus
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <FormError message={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('lock.unlock')}
        </button>
        <OsUnlockButton onError={setError} busy={busy} />
      </form>
    </main>
  );
}
