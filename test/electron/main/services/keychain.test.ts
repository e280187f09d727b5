import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createOsKeychain, keychainError } from '../../../../electron/main/services/keychain';

/** The keychain adapter against the real Secret Service (gnome-keyring via scripts/with-test-keyring.sh). */
describe('keychain', () => {
  it('stores, reads, replaces and deletes an item under an injected service name', async () => {
    const service = `faktor-test-${randomBytes(6).toString('hex')}`;
    const kc = createOsKeychain(service);
    expect(await kc.get('k')).toBeNull();
    await kc.set('k', 'one');
    await kc.set('k', 'two');
    expect(await kc.get('k')).toBe('two');
    expect(await createOsKeychain(`${service}-other`).get('k')).toBeNull(); // services do not collide
    expect(await kc.delete('k')).toBe(true);
    expect(await kc.delete('k')).toBe(false);
    expect(await kc.get('k')).toBeNull();
  });

  it('maps the platform messages we have seen to our two codes, keeping only the first line', () => {
    expect(
      keychainError(
        new Error("Couldn't access platform storage: Secret Service: unlock prompt was dismissed"),
      ).code,
    ).toBe('keychain-locked');
    expect(keychainError(new Error("Couldn't access platform storage: AccessDenied")).code).toBe(
      'keychain-unavailable',
    );
    expect(
      keychainError(new Error('Platform failure: DBus error: Failed to connect to socket /x\nmore'))
        .detail,
    ).toBe('Platform failure: DBus error: Failed to connect to socket /x');
    expect(keychainError('weird').code).toBe('keychain-unavailable');
  });
});
