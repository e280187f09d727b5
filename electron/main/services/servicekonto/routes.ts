/**
 * Paths of the server's device API (docs/protocol.md is the source of truth; one place here so the
 * app, the CLI and their tests agree).
 */

/** POST: enrollment after scanning a pairing QR. */
export const ENROLL_PATH = '/api/pairing/enroll';
