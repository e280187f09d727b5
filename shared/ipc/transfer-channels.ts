import { z } from 'zod';
import { Id, ImportPreview, ImportResult } from './schemas';
import { IMPORT_FORMATS } from '../import/types';

/** Files in and out: Faktor's own backups, other apps' exports, the plain export formats. */
export const transferChannels = {
  /** Encrypted backup to a file the user picks (platform dialog). */
  'backup-export': {
    request: z.strictObject({ password: z.string().min(8).max(1024) }),
    response: z.strictObject({ count: z.number().int(), fileName: z.string() }),
  },
  /** Plain otpauth:// list; the renderer must have shown the warning and got explicit consent. */
  'backup-export-plain': {
    request: z.strictObject({ acknowledgedUnencrypted: z.literal(true) }),
    response: z.strictObject({ count: z.number().int(), fileName: z.string() }),
  },
  /** All-or-nothing import of an encrypted backup or an otpauth:// list from a file the user picks. */
  'backup-import': {
    request: z.strictObject({ password: z.string().max(1024).nullable() }),
    response: ImportResult,
  },

  /** Another app's export (docs/import-formats.md), from a file the user picks: decoded and validated, nothing written yet. */
  'import-preview': {
    request: z.strictObject({
      format: z.enum(IMPORT_FORMATS).nullable(),
      password: z.string().max(1024).nullable(),
      retryToken: Id.optional(),
    }),
    response: ImportPreview,
  },
  /** Commits the previewed import all-or-nothing; the token is single-use and dies on lock. */
  'import-commit': {
    request: z.strictObject({ token: ImportPreview.shape.token }),
    response: ImportResult,
  },
  /** Aegis-compatible plain JSON or the printable QR sheet; the renderer showed the plain-export warning. */
  'export-as': {
    request: z.strictObject({
      format: z.enum(['aegis-plain', 'qr-sheet']),
      acknowledgedUnencrypted: z.literal(true),
    }),
    response: z.strictObject({ count: z.number().int(), fileName: z.string() }),
  },
} as const;
