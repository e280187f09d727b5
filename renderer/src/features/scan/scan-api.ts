import type { AccountView, ImportResult } from '../../../../shared/ipc/schemas';
import type { ScanResult } from '../../../../shared/qr/found-code';
import { bridge, unwrap } from '../../api/bridge';

/** Captures every display in main (the window hides meanwhile) and decodes them. */
export const qrScanScreen = (): Promise<ScanResult> => unwrap(bridge().qrScanScreen({}));
/** Decodes a PNG/JPEG (file, drop or camera frame) in main. */
export const qrDecodeImage = (base64: string, source: 'image' | 'camera'): Promise<ScanResult> =>
  unwrap(bridge().qrDecodeImage({ base64, source }));
/** Decodes the clipboard's image in main. */
export const qrScanClipboard = (): Promise<ScanResult> => unwrap(bridge().qrScanClipboard({}));
/** Adds the scanned otpauth:// account the user confirmed. */
export const qrAddAccount = (token: string): Promise<AccountView> =>
  unwrap(bridge().qrAddAccount({ token }));
/** Imports every account of a complete Google export. */
export const qrImportMigration = (tokens: string[]): Promise<ImportResult> =>
  unwrap(bridge().qrImportMigration({ tokens }));

/** Base64 (no data: prefix) of a Blob, for qrDecodeImage. */
export function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}
