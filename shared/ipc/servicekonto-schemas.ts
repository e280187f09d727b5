import { z } from 'zod';
import { MEANS_LEVELS } from '../levels';
import { Id } from './schemas';
import { ScanToken } from '../qr/found-code';
import { DeviceAccount } from '../servicekonto/device-account';
import { DeviceSessions } from '../servicekonto/device-sessions';

/**
 * IPC shapes of the Servicekonto device flows (docs/servicekonto-app.md). Strict objects: none has a
 * field that could carry a device secret; the PIN only ever travels renderer → main.
 */

/** A PIN as typed: 6–32 digits (main checks again). */
export const Pin = z.string().regex(/^[0-9]{6,32}$/);

/** A paired account as the renderer sees it. */
export const PairedAccountView = z.strictObject({
  id: Id,
  origin: z.string().max(300),
  account: z.string().max(64),
  accountName: z.string().max(200),
  meansId: z.string().max(64),
  level: z.enum(MEANS_LEVELS),
  pairedAt: z.number().int(),
});
export type PairedAccountView = z.infer<typeof PairedAccountView>;

/** Pair with the account of a scanned pairing QR (by scan token) under a new PIN. */
export const PairRequest = z.strictObject({
  token: ScanToken,
  pin: Pin,
  deviceName: z.string().min(1).max(64).optional(),
});

/** The offline login code for a scanned login QR (by scan token). */
export const OfflineCodeRequest = z.strictObject({ token: ScanToken, pin: Pin });

/** An online approval request waiting for the user (no challenge: main keeps it). */
export const ApprovalRequestView = z.strictObject({
  pairingId: Id,
  origin: z.string().max(300),
  accountName: z.string().max(200),
  tx: z.string().max(32),
  purpose: z.enum(['login', 'confirm-pairing']),
  service: z.string().max(200),
  level: z.enum(MEANS_LEVELS),
  browser: z.string().max(120),
  ip: z.string().max(120),
  created: z.number().int(),
  exp: z.number().int(),
  numbers: z.array(z.number().int().min(10).max(99)).length(3),
});
export type ApprovalRequestView = z.infer<typeof ApprovalRequestView>;

/** The user's answer to a request. `number` is the chosen one for approve, 0 for a deny. */
export const ApprovalAnswerRequest = z.strictObject({
  tx: z.string().min(1).max(32),
  decision: z.enum(['approve', 'deny', 'deny-and-block']),
  number: z.number().int().min(0).max(99),
  pin: Pin,
});

/** The paired account as its server shows it to this desktop (shared/servicekonto/device-account.ts), by local pairing id. */
export const ServicekontoAccountView = DeviceAccount.extend({ pairingId: Id });
export type ServicekontoAccountView = z.infer<typeof ServicekontoAccountView>;

/** Blocks (sperrt) one means of a paired account, named by the server's means id. */
export const BlockMeansRequest = z.strictObject({ id: Id, meansId: z.string().min(1).max(128) });

/** The paired account's web sessions as its server lists them (shared/servicekonto/device-sessions.ts), by local pairing id. */
export const ServicekontoSessionsView = DeviceSessions.extend({ pairingId: Id });
export type ServicekontoSessionsView = z.infer<typeof ServicekontoSessionsView>;
