import { describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../../shared/errors';
import { parseKeyItem, unwrapKeyItem } from '../../../../electron/main/services/vault-format';

/** A keychain item holds the vault key: when it is malformed, nothing of it may appear in the error. */
describe('vault-format: malformed keychain items', () => {
  const keyMaterial = 'c2VjcmV0LXZhdWx0LWtleS1ieXRlcy0wMTIzNDU2Nzg5';
  // Truncated JSON whose first bytes are key material: V8's SyntaxError would quote them.
  const broken = [
    `"${keyMaterial}`,
    `{"key":"${keyMaterial}"`,
    `${keyMaterial}}`,
    `{"wrapped":{"kdf":1,"x":"${keyMaterial}"}}`,
  ];

  for (const text of broken) {
    it(`rejects ${JSON.stringify(text.slice(0, 12))}… as vault-corrupt without quoting it`, async () => {
      for (const attempt of [() => parseKeyItem(text), () => unwrapKeyItem(text, 'any password')]) {
        let error: unknown;
        try {
          await attempt();
        } catch (e) {
          error = e;
        }
        expect(isFaktorError(error, 'vault-corrupt')).toBe(true);
        const shown = `${String(error)} ${(error as Error).stack ?? ''} ${JSON.stringify(error)}`;
        expect(shown).not.toContain(keyMaterial.slice(0, 16));
        expect((error as Error).cause).toBeUndefined();
      }
    });
  }
});
