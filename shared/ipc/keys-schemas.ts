import { z } from 'zod';
import { ERROR_CODES } from '../errors';
import { MEANS_LEVELS } from '../levels';
import { Id } from './schemas';
import { Pin } from './servicekonto-schemas';

/**
 * IPC shapes of the security-key screen (docs/keys.md). Strict objects: what crosses main → renderer
 * is the key's public info (name, AAGUID, versions, PIN state, resident credentials' public ids and
 * user names); a PIN only ever travels renderer → main, per call, and is never returned or kept.
 */

/** The OS path of a key's HID interface (/dev/hidraw3, a long Windows device path, …). */
export const KeyPath = z.string().min(1).max(1024);

/**
 * A security-key PIN as typed: CTAP allows 4–63 bytes of UTF-8 (the key's minPINLength may ask for
 * more); the key's own policy is checked in main before it is sent. Length 1+ here so a too-short PIN
 * reaches main and comes back as key-pin-policy, not as a schema refusal.
 */
export const KeyPin = z.string().min(1).max(63);

/** One plugged-in key as the keys screen lists it. */
export const KeyView = z.strictObject({
  path: KeyPath,
  /** The product string the key reports (may be absent). */
  product: z.string().max(200).optional(),
  manufacturer: z.string().max(200).optional(),
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
  ctap2: z.boolean(),
  u2f: z.boolean(),
  wink: z.boolean(),
  aaguid: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .optional(),
  versions: z.array(z.string().max(32)).max(16),
  pinSet: z.boolean().optional(),
  pinRetries: z.number().int().min(0).max(255).optional(),
  minPinLength: z.number().int().min(4).max(63).optional(),
  credMgmt: z.boolean(),
  /** Set when the key could not be read (permission denied, removed …); the rest is then empty. */
  error: z.enum(ERROR_CODES).optional(),
});
export type KeyView = z.infer<typeof KeyView>;

/** The keys list plus the OS, so the screen can show the right fix for a permission problem. */
export const KeyList = z.strictObject({
  keys: z.array(KeyView).max(64),
  platform: z.enum(['linux', 'win32', 'darwin', 'other']),
});
export type KeyList = z.infer<typeof KeyList>;

/** A resident credential's public id (base64url), as the key reports it. */
export const CredentialId = z.string().regex(/^[A-Za-z0-9_-]{1,1400}$/);

/** The resident credentials of one relying party. */
export const KeyCredentialGroup = z.strictObject({
  rpId: z.string().max(255),
  rpName: z.string().max(255).optional(),
  credentials: z
    .array(
      z.strictObject({
        credentialId: CredentialId,
        userName: z.string().max(255).optional(),
        userDisplayName: z.string().max(255).optional(),
      }),
    )
    .max(1000),
});
export type KeyCredentialGroup = z.infer<typeof KeyCredentialGroup>;

/** What a long key operation is waiting for: the user to unplug and replug it, to touch it, or to touch it again to confirm. */
export const KeyProgress = z.strictObject({ stage: z.enum(['replug', 'touch', 'confirm']) });
export type KeyProgress = z.infer<typeof KeyProgress>;

/**
 * Register a key at a paired Servicekonto as "password + security key" (docs/keys.md §Servicekonto).
 * `pin` is this pairing's Faktor PIN (opens the approval key), `password` the account password (sent
 * to the server only), `keyPin` the key's own PIN when it has one. None is returned or kept.
 */
export const KeyRegisterRequest = z.strictObject({
  path: KeyPath,
  pairing: Id,
  pin: Pin,
  password: z.string().min(1).max(128),
  keyPin: KeyPin.optional(),
  label: z.string().max(64).optional(),
});
export type KeyRegisterRequest = z.infer<typeof KeyRegisterRequest>;

/** The new means as the server confirmed it. */
export const KeyRegistered = z.strictObject({
  meansId: z.string().min(1).max(128),
  label: z.string().max(64).nullable(),
  level: z.enum(MEANS_LEVELS),
  status: z.enum(['active', 'pending']),
});
export type KeyRegistered = z.infer<typeof KeyRegistered>;

/** Which Servicekonto means a plugged-in key is, and which paired accounts could not be asked. */
export const KeyServicekontoMeans = z.strictObject({
  matches: z
    .array(
      z.strictObject({
        pairing: Id,
        origin: z.string().max(300),
        accountName: z.string().max(200),
        meansId: z.string().min(1).max(128),
        label: z.string().max(200).nullable(),
        status: z.enum(['active', 'pending', 'blocked']),
      }),
    )
    .max(200),
  unreachable: z
    .array(
      z.strictObject({
        origin: z.string().max(300),
        accountName: z.string().max(200),
        error: z.enum(ERROR_CODES),
      }),
    )
    .max(200),
});
export type KeyServicekontoMeans = z.infer<typeof KeyServicekontoMeans>;
