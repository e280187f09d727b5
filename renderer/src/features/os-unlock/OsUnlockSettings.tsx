import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OsUnlockStatus } from '../../../../shared/ipc/os-unlock-schemas';
import { notify } from '../../actions/notify';
import { errorCode } from '../../api/bridge';
import { Field } from '../../components/Field';
import { FormError } from '../../components/FormError';
import { useStore } from '../../store';
import { osUnlockDisable, osUnlockEnable, osUnlockStatus } from './os-unlock-api';

/**
 * Settings → "Unlock with Touch ID" (docs/desktop.md, "OS unlock"): only with an app password and only
 * where main reports a prompt (or the option is still on). Turning it on asks the app password once;
 * main then shows the OS prompt once. The sentence says plainly what the option costs.
 */
export function OsUnlockSettings() {
  const { t } = useTranslation();
  const hasPassword = useStore((s) => s.status?.hasPassword ?? false);
  const [status, setStatus] = useState<OsUnlockStatus | null>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Re-read when the password appears or goes (removing it turns OS unlock off in main).
  useEffect(() => void osUnlockStatus().then(setStatus, () => setStatus(null)), [hasPassword]);
  if (!hasPassword || status === null || (status.method === null && !status.enabled)) return null;
  const method = status.method ?? 'touch-id';

  async function change(run: () => Promise<OsUnlockStatus>, done: string): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      setStatus(await run());
      setPassword('');
      notify(done);
    } catch (e) {
      setError(t(`errors.${errorCode(e)}`));
    } finally {
      setBusy(false);
    }
  }
  const turnOn = (e: FormEvent): void => {
    e.preventDefault();
    if (!password) setError(t('validation.passwordRequired'));
    else void change(() => osUnlockEnable(password), t('osUnlock.turnedOn'));
  };

  return (
    <section className="settings-section" aria-labelledby="os-unlock-heading">
      <h3 id="os-unlock-heading">{t(`osUnlock.unlockWith.${method}`)}</h3>
      <p className="hint">{t('osUnlock.explain')}</p>
      {status.enabled ? (
        <>
          <p className="hint">{t('osUnlock.on')}</p>
          <FormError message={error} />
          <div className="dialog-buttons">
            <button
              type="button"
              disabled={busy}
              onClick={() => void change(osUnlockDisable, t('osUnlock.turnedOff'))}
            >
              {t('osUnlock.turnOff')}
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={turnOn} noValidate>
          <Field
            label={t('osUnlock.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          <FormError message={error} />
          <div className="dialog-buttons">
            <button type="submit" disabled={busy}>
              {t('osUnlock.turnOn')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
