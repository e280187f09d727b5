import { isFaktorError, type ErrorCode } from '../../shared/errors';

/**
 * Plain English for the refusals a tester meets most, so `faktor` without --json explains itself
 * (the app's wording lives in the renderer's i18n, which the CLI may not import). Other codes print as
 * the code itself, which docs/servicekonto-app.md lists.
 */
const WORDS: Partial<Record<ErrorCode, string>> = {
  'not-paired': 'this desktop is not paired with that server and account. Do not type a code: the QR code may come from a fake login page.',
  'invalid-pin': 'the PIN must be 6 or more digits.',
  'server-unreachable': 'the Servicekonto server cannot be reached.',
  'server-refused': 'the Servicekonto server refused the request',
  'data-dir-busy': 'the data directory is in use by another Faktor (app or CLI).',
  'vault-locked': 'the vault has an app password: pass --password-file (import/export: --app-password-file).',
  'protocol-expired': 'this code has expired. Reload the page and scan again.',
  'protocol-origin': 'this code names a server origin Faktor does not accept (https, or http on this machine only).',
  'no-qr-found': 'no QR code was found in the image.',
  'not-found': 'no such account or means.',
  'key-removed': 'the security key is not plugged in, or was removed.',
  'key-pin-invalid': 'wrong PIN for the security key (each wrong PIN costs one of its tries).',
  'key-pin-blocked': 'the security key PIN is blocked: unplug and replug the key; if it stays blocked, only a reset helps.',
  'key-pin-policy': 'the security key does not accept this PIN (too short for its policy, or over 63 bytes).',
  'key-pin-required': 'the security key has no PIN yet: set one with `faktor keys pin --new-pin-file F`.',
  'key-timeout': 'the security key was not touched (or replugged) in time.',
  'key-permission-denied': 'no access to the security key. On Linux install the udev rule (docs/keys.md) and replug the key.',
  'key-several-plugged': 'several security keys are plugged in: unplug every key except the one to reset.',
  'key-refused': 'the security key refused the request',
};

/** One line describing an error for a human. */
export function describeError(e: unknown): string {
  if (!isFaktorError(e)) return e instanceof Error ? e.message : String(e);
  const words = WORDS[e.code] ?? e.code;
  const server = e.params?.serverCode;
  if (e.code === 'key-refused' && e.params?.status === 'NOT_ALLOWED') return 'the key refused the reset: it was plugged in more than 10 seconds ago. Run again without --now and replug it when asked.';
  const status = e.params?.status;
  if (e.code === 'key-refused' && status !== undefined) return `${words} (${String(status)})`;
  return e.code === 'server-refused' && server !== undefined ? `${words} (${String(server)})` : words;
}

/** The JSON error object a --json run prints: `{"error":{"code":…}}` plus the server's code when there is one. */
export function errorJson(code: string, e?: unknown): { error: Record<string, string | number> } {
  const params = isFaktorError(e) && e.params ? e.params : {};
  return { error: { code, ...params } };
}
