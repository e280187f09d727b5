import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { backupExportPlain, exportAs } from '../../api/backup';
import { useStore } from '../../store';
import { Dialog } from '../../components/Dialog';
import { FormError, useReveal } from '../../components/FormError';
import { EncryptedExport } from './EncryptedExport';
import { ImportSection } from './ImportSection';
import { WarningTick } from '../../components/WarningTick';
import { useOutcome } from '../../components/use-outcome';

/**
 * Two separate flows (issue #12), switched at the top: save (encrypted, or plain behind a warning and an
 * explicit tick), or import (a Faktor backup, or another app's file: file first, then the password).
 */
export function BackupDialog({ mode: initialMode = 'export' }: { mode?: 'export' | 'import' }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState(initialMode);
  const close = () => useStore.getState().openDialog(null);
  const [plainOk, setPlainOk] = useState(false);
  const { outcome, busy, run: guarded, setOutcome } = useOutcome();
  const reveal = useReveal();

  function exportPlain(format: 'otpauth' | 'aegis-plain' | 'qr-sheet' = 'otpauth') {
    void guarded(async () => {
      const r = format === 'otpauth' ? await backupExportPlain() : await exportAs(format);
      setPlainOk(false);
      return { kind: 'ok', text: t('backup.exported', { count: r.count, fileName: r.fileName }) };
    });
  }

  return (
    <Dialog title={t('backup.title')} onClose={close} className="dialog-wide">
      <div className="mode-switch" role="group" aria-label={t('backup.modes')}>
        {(['export', 'import'] as const).map((m) => (
          <button
            key={m}
            type="button"
            aria-pressed={mode === m}
            data-autofocus={mode === m ? true : undefined}
            onClick={() => (setMode(m), setOutcome(null))}
          >
            {t(m === 'export' ? 'backup.modeExport' : 'backup.modeImport')}
          </button>
        ))}
      </div>
      {mode === 'export' ? (
        <>
          <EncryptedExport busy={busy} run={guarded} />

          <section className="settings-section" aria-labelledby="plain-heading">
            <h3 id="plain-heading">{t('backup.plainHeading')}</h3>
            <WarningTick
              warning={t('backup.plainWarning')}
              label={t('backup.plainConfirm')}
              checked={plainOk}
              onChange={setPlainOk}
            />
            <div className="dialog-buttons">
              <button
                type="button"
                className="danger"
                disabled={!plainOk || busy}
                onClick={() => exportPlain()}
              >
                {t('backup.plainButton')}
              </button>
              <button
                type="button"
                className="danger"
                disabled={!plainOk || busy}
                onClick={() => exportPlain('aegis-plain')}
              >
                {t('importer.aegisButton')}
              </button>
              <button
                type="button"
                className="danger"
                disabled={!plainOk || busy}
                onClick={() => exportPlain('qr-sheet')}
              >
                {t('importer.sheetButton')}
              </button>
            </div>
          </section>
        </>
      ) : (
        <>
          <ImportSection variant="backup" />
          <ImportSection variant="foreign" />
        </>
      )}

      {outcome?.kind === 'error' ? <FormError message={outcome.text} /> : null}
      {outcome?.kind === 'ok' ? (
        <div className="result" role="status" ref={reveal}>
          <p>{outcome.text}</p>
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
