import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { backupExport } from '../../api/backup';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import type { Outcome } from '../../components/use-outcome';

/**
 * Saving an encrypted backup: the password twice (at least 8 characters, both the same), then main's
 * save dialog. The typed password is cleared once the backup is written; the outcome goes to `run`.
 */
export function EncryptedExport({
  busy,
  run,
}: {
  busy: boolean;
  run: (work: () => Promise<Outcome>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [pwError, setPwError] = useState<{ password?: string; repeat?: string }>({});

  function exportEncrypted(e: FormEvent) {
    e.preventDefault();
    const problems: typeof pwError = {};
    if (password.length < 8) problems.password = t('validation.passwordShort');
    else if (password !== repeat) problems.repeat = t('validation.passwordMismatch');
    setPwError(problems);
    if (Object.keys(problems).length > 0) return;
    void run(async () => {
      const r = await backupExport(password);
      setPassword('');
      setRepeat('');
      return { kind: 'ok', text: t('backup.exported', { count: r.count, fileName: r.fileName }) };
    });
  }

  return (
    <section className="settings-section" aria-labelledby="export-heading">
      <h3 id="export-heading">{t('backup.exportHeading')}</h3>
      <p className="hint">{t('backup.exportHint')}</p>
      <form onSubmit={exportEncrypted} noValidate>
        <NewPasswordFields
          labels={[t('backup.exportPassword'), t('backup.exportRepeat')]}
          password={password}
          repeat={repeat}
          errors={pwError}
          onPassword={setPassword}
          onRepeat={setRepeat}
        />
        <div className="dialog-buttons">
          <button type="submit" disabled={busy}>
            {t('backup.exportButton')}
          </button>
        </div>
      </form>
    </section>
  );
}
