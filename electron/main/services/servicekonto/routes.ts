/**
 * Paths of the server's device API (docs/protocol.md is the source of truth; one place here so the
 * app, the CLI and their tests agree).
 */

/** POST: enrollment after scanning a pairing QR. */
export const ENROLL_PATH = '/api/pairing/enroll';

/** GET: the device's event stream (SSE). */
export const EVENTS_PATH = '/api/device/events';

/** GET: the same events by long-poll (JSON `{events:[{id,type,data}]}`). */
export const POLL_PATH = '/api/device/events/poll';

/** GET: the account as the paired app shows it (maximum level, means with this device marked, attributes). */
export const MEANS_PATH = '/api/device/account';

/** GET: the account's web sessions with level and Table 2 time left (active device only). */
export const SESSIONS_PATH = '/api/device/sessions';

/** POST (no body): blocks (sperrt) one means of the account. */
export function blockMeansPath(meansId: string): string {
  return `/api/device/means/${encodeURIComponent(meansId)}/block`;
}

/** POST (no body): removes this desktop's means. */
export const DEVICE_REMOVE_PATH = '/api/device/remove';

/** POST: answers one approval request. */
export function approvalAnswerPath(tx: string): string {
  return `/api/device/approvals/${encodeURIComponent(tx)}`;
}

/** POST (no body): security key registration, step 1 — WebAuthn options and the PIN-proof challenge. */
export const KEY_REGISTRATION_OPTIONS_PATH = '/api/device/security-keys/options';

/** POST: security key registration, step 2 — attestation, confirming assertion, password, PIN proof. */
export const KEY_REGISTRATION_PATH = '/api/device/security-keys';
