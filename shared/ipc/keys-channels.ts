import { z } from 'zod';
import {
  CredentialId,
  KeyCredentialGroup,
  KeyList,
  KeyPath,
  KeyPin,
  KeyRegistered,
  KeyRegisterRequest,
  KeyServicekontoMeans,
} from './keys-schemas';

/** Security keys (docs/keys.md), also at a paired Servicekonto. */
export const keysChannels = {
  /** Security keys (issue 10, docs/keys.md): every plugged-in key with its public info; starts the plug/unplug watch. */
  'keys-list': { request: z.strictObject({}), response: KeyList },
  /** Sets the first PIN of a key (policy: the key's minPINLength). */
  'keys-set-pin': {
    request: z.strictObject({ path: KeyPath, pin: KeyPin }),
    response: z.strictObject({}),
  },
  /** Changes a key's PIN; a wrong current PIN costs one of the key's retries. */
  'keys-change-pin': {
    request: z.strictObject({ path: KeyPath, current: KeyPin, next: KeyPin }),
    response: z.strictObject({}),
  },
  /** The key's resident credentials (passkeys) by site; needs the key's PIN. */
  'keys-credentials': {
    request: z.strictObject({ path: KeyPath, pin: KeyPin }),
    response: z.array(KeyCredentialGroup),
  },
  /** Deletes one resident credential; the renderer asked for confirmation. */
  'keys-delete-credential': {
    request: z.strictObject({ path: KeyPath, pin: KeyPin, credentialId: CredentialId }),
    response: z.strictObject({}),
  },
  /** Factory reset after the two-step confirmation: waits for the replug, then resets (touch within 10 s). */
  'keys-reset': {
    request: z.strictObject({ path: KeyPath, confirm: z.literal(true) }),
    response: z.strictObject({ path: KeyPath }),
  },
  /** Blinks the key so the user sees which one is meant. */
  'keys-wink': { request: z.strictObject({ path: KeyPath }), response: z.strictObject({}) },
  /** Stops waiting for a replug or a touch (the running key operation ends as 'cancelled'). */
  'keys-cancel': { request: z.strictObject({}), response: z.strictObject({}) },
  /** Registers the key at a paired Servicekonto as "password + security key" (events: keys-progress touch, confirm). */
  'keys-servicekonto-register': { request: KeyRegisterRequest, response: KeyRegistered },
  /** Which Servicekonto means the key is (silent check; the key PIN adds resident credentials). */
  'keys-servicekonto-means': {
    request: z.strictObject({ path: KeyPath, keyPin: KeyPin.optional() }),
    response: KeyServicekontoMeans,
  },
} as const;
