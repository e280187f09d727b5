import { useEffect, useReducer, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanResult } from '../../../../shared/qr/found-code';
import { QR_IMAGE_LIMITS } from '../../../../shared/qr/image-limits';
import { completeTokens } from '../../../../shared/qr/migration-collector';
import { closeDialog } from '../../actions/dialogs';
import { addScannedAccount, importScannedBatch } from '../../actions/scan';
import { errorCode } from '../../api/bridge';
import { Dialog } from '../../components/Dialog';
import { CameraScan } from './CameraScan';
import { CodeView } from './CodeView';
import { MigrationView } from './MigrationView';
import { PickList } from './PickList';
import { blobToBase64, qrDecodeImage } from './scan-api';
import { initialScanState, scanReducer, type ScanSource } from './scan-machine';
import { ScanNote } from './ScanNote';
import { ScanSources } from './ScanSources';
import './scan.css';

/**
 * "Scan QR code": screen, camera, image file (picker or drag & drop) or clipboard; then one flow per
 * kind of code (docs/qr.md). Main keeps the payloads; this dialog only ever sees summaries and tokens.
 * The phases are the pure scan-machine.ts; this component runs the scans and confirms.
 * `initial` is a scan made outside the window (tray, global shortcut, faktor:// link — docs/desktop.md):
 * shown at once, one code straight at its confirm step.
 */
export function ScanDialog({ initial }: { initial?: ScanResult } = {}) {
  const { t } = useTranslation();
  const [state, dispatch] = useReducer(scanReducer, initialScanState);
  const { phase } = state;

  async function run(source: ScanSource, scan: () => Promise<ScanResult>): Promise<void> {
    dispatch({ type: 'scan-started', source });
    try {
      dispatch({ type: 'scanned', result: await scan(), source });
    } catch (e) {
      dispatch({ type: 'scan-failed', code: errorCode(e) });
    }
  }

  useEffect(() => {
    if (initial) dispatch({ type: 'scanned', result: initial, source: 'screen' });
    // Only the result the dialog was opened with; a new one re-opens the dialog (actions/desktop.ts).
  }, [initial]);

  function scanFile(file: File | undefined): void {
    if (!file) return;
    if (file.size > QR_IMAGE_LIMITS.maxEncodedBytes || !/^image\/(png|jpeg)$/.test(file.type)) {
      dispatch({ type: 'scan-failed', code: 'image-unreadable' });
      return;
    }
    void run('image', async () => qrDecodeImage(await blobToBase64(file), 'image'));
  }

  function onDrop(e: DragEvent): void {
    e.preventDefault();
    scanFile(e.dataTransfer.files[0]);
  }

  /** Runs a confirmed action; its error is shown in the dialog, in words. */
  async function confirm(action: () => Promise<void>, done: () => void = () => dispatch({ type: 'action-done' })): Promise<void> {
    dispatch({ type: 'action-started' });
    try {
      await action();
      done();
    } catch (e) {
      dispatch({ type: 'action-failed', message: t(`errors.${errorCode(e)}`) });
    }
  }

  function confirmImport(batchId: number): void {
    const tokens = completeTokens(state.parts, batchId);
    if (!tokens) return;
    void confirm(() => importScannedBatch(tokens), () => dispatch({ type: 'batch-imported', batchId }));
  }

  const sources = <ScanSources onScan={(source, scan) => void run(source, scan)} onCamera={() => dispatch({ type: 'camera' })} onFile={scanFile} />;
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
        <>
          <CameraScan onFound={(r) => dispatch({ type: 'scanned', result: r, source: 'camera' })} onFailed={(reason) => dispatch({ type: 'scan-failed', code: reason })} />
          <div className="dialog-buttons">
            <button type="button" onClick={back}>
              {t('scan.stopCamera')}
            </button>
          </div>
        </>
      );
      break;
    case 'pick':
      body = <PickList codes={phase.codes} onOpen={(code) => dispatch({ type: 'open', code })} />;
      break;
    case 'code':
      body = <CodeView code={phase.code} busy={state.busy} error={state.actionError} onAdd={(c) => void confirm(() => addScannedAccount(c.token))} onBack={back} />;
      break;
    case 'migration':
      body = <MigrationView state={state} batchId={phase.batchId} sources={sources} onCancel={closeDialog} onImport={() => confirmImport(phase.batchId)} />;
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
