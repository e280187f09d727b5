import { z } from 'zod';
import { DATA_LEVELS, MEANS_LEVELS } from '../levels';

/**
 * The account as the server shows it to a paired desktop (`GET /api/device/account`, docs/protocol.md):
 * maximum level, every means with this device marked, attributes with their levels. Parsed strictly in
 * the main process (a server answer is input too) and shown as is by the app and the CLI; it carries no
 * device secret, so the same shape crosses IPC.
 */

/** Status of a means as the device sees it (removed means are left out by the server). */
export const DEVICE_MEANS_STATUSES = ['active', 'pending', 'blocked'] as const;

const Text = (max: number) => z.string().max(max);

/** One registered means. */
export const DeviceMeans = z.strictObject({
  id: Text(128).min(1),
  kind: Text(64).min(1),
  label: Text(200).nullable(),
  level: z.enum(MEANS_LEVELS),
  status: z.enum(DEVICE_MEANS_STATUSES),
  registeredAt: z.number().int().nonnegative(),
  lastUsedAt: z.number().int().nonnegative().nullable(),
  /** True for the means of the desktop that asked. */
  thisDevice: z.boolean(),
  /** WebAuthn means only: the credential id (base64url), to tell which plugged-in key it is. */
  credentialId: z
    .string()
    .min(1)
    .max(1364)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
});
/** One registered means. */
export type DeviceMeans = z.infer<typeof DeviceMeans>;

/** The whole view, version 1. */
export const DeviceAccount = z.strictObject({
  v: z.literal(1),
  origin: Text(300).min(1),
  account: Text(64).min(1),
  accountName: Text(200).min(1),
  /** The WebAuthn relying party id of the credentials (absent from servers before security-key registration). */
  rpId: Text(253).min(1).optional(),
  maxLevel: z.enum(MEANS_LEVELS).nullable(),
  thisDevice: z.strictObject({ means: Text(128).min(1), status: z.enum(DEVICE_MEANS_STATUSES) }),
  means: z.array(DeviceMeans).max(200),
  attributes: z
    .array(z.strictObject({ name: Text(64).min(1), value: Text(2000), level: z.enum(DATA_LEVELS) }))
    .max(200),
});
/** The whole view, version 1. */
export type DeviceAccount = z.infer<typeof DeviceAccount>;
