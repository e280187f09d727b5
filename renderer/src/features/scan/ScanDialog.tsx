import type { ComponentProps, DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanResult } from '../../../../shared/qr/found-code';
import { closeDialog } from '../../actions/dialogs';
import { Dialog } from '../../components/Dialog';
import { CameraScan } from './CameraScan';
import { CodeView } from './CodeView';
import { MigrationView } from './MigrationView';
import { PickList } from './PickList';
import { ScanNote } from './ScanNote';
import { ScanSources } from './ScanSources';
import { useScanFlow } from './use-scan-flow';
import './scan.css';

/**
 * "Scan QR code": screen, camera, image file (picker or drag & drop) or clipboard; then one flow per
 * kind of code (docs/qr.md). Main keeps the payloads; this dialog only ever sees summaries and tokens.
 * The phases are the pure scan-machine.ts, driven by useScanFlow; this component shows the phase.
 * `initial` is a scan made outside the window (tray, global shortcut, faktor:// link — docs/desktop.md):
 * shown at once, one code straight at its confirm step.
 */
export function ScanDialog({ initial }: { initial?: ScanResult } = {}) {
  const { t } = useTranslation();
  const { state, dispatch, run, scanFile, addAccount, importBatch } = useScanFlow(initial);
  const { phase } = state;

  function onDrop(e: DragEvent): void {
    e.preventDefault();
    scanFile(e.dataTransfer.files[0]);
  }

  const sources = (
    <ScanSources
      onScan={(source, scan) => void run(source, scan)}
      onCamera={() => dispatch({ type: 'camera' })}
      onFile={scanFile}
    />
  );
  const back = () => dispatch({ type: 'back' });

  let body;
  switch (phase.name) {
    case 'choose':
      body = (
        <>
          <ScanNote note={phase.note} />
          {sources}
          <p className="scan-drop">{t('scan.dropHint')}</p>
        </>
      );
      break;
    case 'busy':
      body = <p role="status">{t(`scan.busy.${phase.source}`)}</p>;
      break;
    case 'camera':
      body = (
        <CameraPhase
          onFound={(r) => dispatch({ type: 'scanned', result: r, source: 'camera' })}
          onFailed={(reason) => dispatch({ type: 'scan-failed', code: reason })}
          onStop={back}
        />
      );
      break;
    case 'pick':
      body = <PickList codes={phase.codes} onOpen={(code) => dispatch({ type: 'open', code })} />;
      break;
    case 'code':
      body = (
        <CodeView
          code={phase.code}
          busy={state.busy}
          error={state.actionError}
          onAdd={(c) => addAccount(c.token)}
          onBack={back}
        />
      );
      break;
    case 'migration':
      body = (
        <MigrationView
          state={state}
          batchId={phase.batchId}
          sources={sources}
          onCancel={closeDialog}
          onImport={() => importBatch(phase.batchId)}
        />
      );
      break;
  }

  return (
    <Dialog title={t('scan.title')} onClose={closeDialog} className="dialog-wide">
      <div className="scan-body" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
        {body}
      </div>
      {phase.name === 'choose' || phase.name === 'pick' ? (
        <div className="dialog-buttons">
          <button type="button" onClick={closeDialog}>
            {t('scan.close')}
          </button>
        </div>
      ) : null}
    </Dialog>
  );
}

/** The camera phase: the live preview, and stopping it goes back to the sources. */
function CameraPhase({
  onFound,
  onFailed,
  onStop,
}: ComponentProps<typeof CameraScan> & { onStop: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <CameraScan onFound={onFound} onFailed={onFailed} />
      <div className="dialog-buttons">
        <button type="button" onClick={onStop}>
          {t('scan.stopCamera')}
        </button>
      </div>
    </>
  );
}
