import { describe, expect, it } from 'vitest';
import { describeError } from '../../../electron/cli/messages';
import { ERROR_CODES, FaktorError } from '../../../shared/errors';
import { ERROR_WORDS_EN } from '../../../shared/text/error-words-en';

/** The CLI without --json explains every refusal in a sentence, never as a bare code. */
describe('describeError', () => {
  it("gives every error code a sentence, the app's own unless the CLI has other advice", () => {
    for (const code of ERROR_CODES) {
      const line = describeError(new FaktorError(code));
      expect(line, code).not.toBe(code);
      expect(line, code).toMatch(/^[A-Z].*[.…]$/);
    }
    expect(describeError(new FaktorError('not-paired'))).toBe(ERROR_WORDS_EN['not-paired']);
    expect(describeError(new FaktorError('vault-locked'))).toContain('--password-file');
    expect(describeError(new FaktorError('keychain-unavailable'))).toContain(
      'with-test-keyring.sh',
    );
  });
});
