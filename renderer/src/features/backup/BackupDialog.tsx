import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store';
import { Dialog } from '../../components/Dialog';
import { FormError, useReveal } from '../../components/FormError';
import { EncryptedExport } from './EncryptedExport';
import { ImportSection } from './ImportSection';
import { PlainExport } from './PlainExport';
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

          <PlainExport busy={busy} run={guarded} plainOk={plainOk} onPlainOk={setPlainOk} />
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
