import { useEffect, useReducer } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanResult } from '../../../../shared/qr/found-code';
import { QR_IMAGE_LIMITS } from '../../../../shared/qr/image-limits';
import { completeTokens } from '../../../../shared/qr/migration-collector';
import { addScannedAccount, importScannedBatch } from '../../actions/scan';
import { errorCode } from '../../api/bridge';
import { blobToBase64, qrDecodeImage } from './scan-api';
import { initialScanState, scanReducer, type ScanSource } from './scan-machine';

/**
 * The scan dialog's state (the pure scan-machine.ts) and what moves it: running a scan from any
 * source, an image file (checked for type and size before it goes to main), and the confirmed actions
 * (add one account, import a complete Google batch) whose errors are kept in words.
 * `initial` is a scan made outside the window, dispatched once as if just scanned from the screen.
 */
export function useScanFlow(initial: ScanResult | undefined) {
  const { t } = useTranslation();
  const [state, dispatch] = useReducer(scanReducer, initialScanState);

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

  /** Runs a confirmed action; its error is shown in the dialog, in words. */
  async function confirm(
    action: () => Promise<void>,
    done: () => void = () => dispatch({ type: 'action-done' }),
  ): Promise<void> {
    dispatch({ type: 'action-started' });
    try {
      await action();
      done();
    } catch (e) {
      dispatch({ type: 'action-failed', message: t(`errors.${errorCode(e)}`) });
    }
  }

  return {
    state,
    dispatch,
    run,
    scanFile,
    /** Adds the scanned account behind `token` (the user confirmed its summary). */
    addAccount: (token: string): void => void confirm(() => addScannedAccount(token)),
    /** Imports the batch once every part of it is scanned. */
    importBatch(batchId: number): void {
      const tokens = completeTokens(state.parts, batchId);
      if (!tokens) return;
      void confirm(
        () => importScannedBatch(tokens),
        () => dispatch({ type: 'batch-imported', batchId }),
      );
    },
  };
}
