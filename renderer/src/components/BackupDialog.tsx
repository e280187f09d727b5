import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../shared/ipc/schemas';
import { loadAccounts } from '../actions/accounts';
import { backupExport, backupExportPlain, backupImport, exportAs } from '../api/backup';
import { errorCode } from '../api/bridge';
import { useStore } from '../store';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { FormError, useReveal } from './FormError';
import { ImportForeignSection } from './ImportForeignSection';

type Outcome = { kind: 'ok'; text: string; duplicates?: ImportResult['duplicates'] } | { kind: 'error'; text: string } | null;

/** Export encrypted, export plain (behind a warning and an explicit tick), import with a result. */
export function BackupDialog() {
  const { t } = useTranslation();
  const close = () => useStore.getState().openDialog(null);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [pwError, setPwError] = useState<{ password?: string; repeat?: string }>({});
  const [plainOk, setPlainOk] = useState(false);
  const [importPassword, setImportPassword] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [busy, setBusy] = useState(false);
  const reveal = useReveal();

  async function guarded(work: () => Promise<Outcome>) {
    setOutcome(null);
    setBusy(true);
    try {
      setOutcome(await work());
    } catch (e) {
      // Main already reports a file with a bad line as 'invalid-backup' (with the line in params).
      const code = errorCode(e);
      setOutcome(code === 'cancelled' ? null : { kind: 'error', text: t(`errors.${code}`) });
    } finally {
      setBusy(false);
    }
  }

  function exportEncrypted(e: FormEvent) {
    e.preventDefault();
    const problems: typeof pwError = {};
    if (password.length < 8) problems.password = t('validation.passwordShort');
    else if (password !== repeat) problems.repeat = t('validation.passwordMismatch');
    setPwError(problems);
    if (Object.keys(problems).length > 0) return;
    void guarded(async () => {
      const r = await backupExport(password);
      setPassword('');
      setRepeat('');
      return { kind: 'ok', text: t('backup.exported', { count: r.count, fileName: r.fileName }) };
    });
  }

  function exportPlain(format: 'otpauth' | 'aegis-plain' | 'qr-sheet' = 'otpauth') {
    void guarded(async () => {
      const r = format === 'otpauth' ? await backupExportPlain() : await exportAs(format);
      setPlainOk(false);
      return { kind: 'ok', text: t('backup.exported', { count: r.count, fileName: r.fileName }) };
    });
  }

  function importFile(e: FormEvent) {
    e.preventDefault();
    void guarded(async () => {
      const r = await backupImport(importPassword === '' ? null : importPassword);
      setImportPassword('');
      await loadAccounts();
      return { kind: 'ok', text: t('backup.imported', { count: r.imported }), duplicates: r.duplicates };
    });
  }

  return (
    <Dialog title={t('backup.title')} onClose={close} className="dialog-wide">
      <section className="settings-section" aria-labelledby="export-heading">
        <h3 id="export-heading">{t('backup.exportHeading')}</h3>
        <p className="hint">{t('backup.exportHint')}</p>
        <form onSubmit={exportEncrypted} noValidate>
          <Field label={t('backup.exportPassword')} type="password" autoComplete="new-password" value={password} error={pwError.password} onChange={(e) => setPassword(e.target.value)} />
          <Field label={t('backup.exportRepeat')} type="password" autoComplete="new-password" value={repeat} error={pwError.repeat} onChange={(e) => setRepeat(e.target.value)} />
          <div className="dialog-buttons">
            <button type="submit" disabled={busy}>
              {t('backup.exportButton')}
            </button>
          </div>
        </form>
      </section>

      <section className="settings-section" aria-labelledby="plain-heading">
        <h3 id="plain-heading">{t('backup.plainHeading')}</h3>
        <p className="warning" id="plain-warning">
          {t('backup.plainWarning')}
        </p>
        <label className="checkbox">
          <input type="checkbox" checked={plainOk} aria-describedby="plain-warning" onChange={(e) => setPlainOk(e.target.checked)} />
          {t('backup.plainConfirm')}
        </label>
        <div className="dialog-buttons">
          <button type="button" className="danger" disabled={!plainOk || busy} onClick={() => exportPlain()}>
            {t('backup.plainButton')}
          </button>
          <button type="button" className="danger" disabled={!plainOk || busy} onClick={() => exportPlain('aegis-plain')}>
            {t('importer.aegisButton')}
          </button>
          <button type="button" className="danger" disabled={!plainOk || busy} onClick={() => exportPlain('qr-sheet')}>
            {t('importer.sheetButton')}
          </button>
        </div>
      </section>

      <section className="settings-section" aria-labelledby="import-heading">
        <h3 id="import-heading">{t('backup.importHeading')}</h3>
        <p className="hint">{t('backup.importHint')}</p>
        <form onSubmit={importFile} noValidate>
          <Field label={t('backup.importPassword')} type="password" autoComplete="off" value={importPassword} onChange={(e) => setImportPassword(e.target.value)} />
          <div className="dialog-buttons">
            <button type="submit" disabled={busy}>
              {t('backup.importButton')}
            </button>
          </div>
        </form>
      </section>

      <ImportForeignSection />

      {outcome?.kind === 'error' ? <FormError message={outcome.text} /> : null}
      {outcome?.kind === 'ok' ? (
        <div className="result" role="status" ref={reveal}>
          <p>{outcome.text}</p>
          {outcome.duplicates && outcome.duplicates.length > 0 ? (
            <>
              <p>{t('backup.duplicates')}</p>
              <ul className="duplicates">
                {outcome.duplicates.map((d, i) => (
                  <li key={i}>
                    <bdi>{d.issuer ? `${d.issuer} (${d.label})` : d.label}</bdi>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <div className="dialog-buttons">
        <button type="button" className="primary" onClick={close}>
          {t('backup.close')}
        </button>
      </div>
    </Dialog>
  );
}
