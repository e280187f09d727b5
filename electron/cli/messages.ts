import { isFaktorError, type ErrorCode } from '../../shared/errors';
import { ERROR_WORDS_EN } from '../../shared/text/error-words-en';

/**
 * Where the CLI's advice differs from the app's sentence (ERROR_WORDS_EN, the same words the app
 * shows): a command-line option to pass instead of a button to press. Every other code prints the
 * app's own English sentence, so no refusal ever prints as a bare code.
 */
const CLI_WORDS: Partial<Record<ErrorCode, string>> = {
  'vault-locked':
    'The vault has an app password: pass --password-file (import/export: --app-password-file).',
  'key-pin-required':
    'The security key has no PIN yet: set one with `faktor keys pin --new-pin-file F`.',
  'key-permission-denied':
    'No access to the security key. On Linux install the udev rule (docs/keys.md) and replug the key.',
  'keychain-unavailable':
    'The system keychain (Secret Service) cannot be reached. Run faktor inside a desktop session; on a machine without one: bash scripts/with-test-keyring.sh npm run cli -- …',
};

/** One line describing an error for a human. */
export function describeError(e: unknown): string {
  if (!isFaktorError(e)) return e instanceof Error ? e.message : String(e);
  const words = CLI_WORDS[e.code] ?? ERROR_WORDS_EN[e.code];
  const server = e.params?.serverCode;
  if (e.code === 'key-refused' && e.params?.status === 'NOT_ALLOWED')
    return 'The key refused the reset: it was plugged in more than 10 seconds ago. Run again without --now and replug it when asked.';
  const status = e.params?.status;
  if (e.code === 'key-refused' && status !== undefined) return `${words} (${String(status)})`;
  return e.code === 'server-refused' && server !== undefined
    ? `${words} (${String(server)})`
    : words;
}

/** The JSON error object a --json run prints: `{"error":{"code":…}}` plus the server's code when there is one. */
export function errorJson(code: string, e?: unknown): { error: Record<string, string | number> } {
  const params = isFaktorError(e) && e.params ? e.params : {};
  return { error: { code, ...params } };
}
