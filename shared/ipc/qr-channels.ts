import { z } from 'zod';
import { AccountView, ImportResult } from './schemas';
import { EncodedImageRequest, ScanResult, ScanToken } from '../qr/found-code';

/** QR scanning and acting on a scanned code (docs/qr.md). */
export const qrChannels = {
  /** QR scanning (issue 3, docs/qr.md): every display at native resolution, app window hidden meanwhile. */
  'qr-scan-screen': { request: z.strictObject({}), response: ScanResult },
  /** A PNG/JPEG the user picked, dropped, or a camera frame (base64, size-capped). */
  'qr-decode-image': { request: EncodedImageRequest, response: ScanResult },
  /** The clipboard's image, if any. */
  'qr-scan-clipboard': { request: z.strictObject({}), response: ScanResult },
  /** Adds the account of a scanned otpauth:// code, after the user confirmed its summary. */
  'qr-add-account': { request: z.strictObject({ token: ScanToken }), response: AccountView },
  /** Imports every account of a complete Google Authenticator export (all parts' tokens), all-or-nothing. */
  'qr-import-migration': {
    request: z.strictObject({ tokens: z.array(ScanToken).min(1).max(1000) }),
    response: ImportResult,
  },
} as const;
