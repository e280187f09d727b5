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
};

/** One line describing an error for a human. */
export function describeError(e: unknown): string {
  if (!isFaktorError(e)) return e instanceof Error ? e.message : String(e);
  const words = WORDS[e.code] ?? e.code;
  const server = e.params?.serverCode;
  return e.code === 'server-refused' && server !== undefined ? `${words} (${String(server)})` : words;
}

/** The JSON error object a --json run prints: `{"error":{"code":…}}` plus the server's code when there is one. */
export function errorJson(code: string, e?: unknown): { error: Record<string, string | number> } {
  const params = isFaktorError(e) && e.params ? e.params : {};
  return { error: { code, ...params } };
}
