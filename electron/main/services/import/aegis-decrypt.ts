import { FaktorError } from '../../../../shared/errors';
import type { AegisFile } from '../../../../shared/import/aegis';
import { damaged } from '../../../../shared/import/entry';
import { takeJson } from './plain-json';
import {
  deriveKey,
  kdfParamsAcceptable,
  NODE_KDF,
  unseal,
  type KdfParams,
  type KdfPrimitives,
} from '../crypto';

/**
 * Opens an encrypted Aegis vault (docs/vault.md): for each password slot, scrypt(password, salt,
 * n, r, p) → 32-byte key that AES-256-GCM-unwraps the master key; the master key then decrypts `db`.
 * Slot parameters are bounded by crypto.ts's KDF_LIMITS BEFORE deriving (a crafted n/r/p must not
 * allocate GiBs). No slot opens → 'backup-wrong-password' (GCM cannot tell a wrong password from a
 * modified slot); a slot opens but db does not → 'import-damaged'.
 */
export async function decryptAegis(
  file: Extract<AegisFile, { kind: 'encrypted' }>,
  password: string,
  kdf: KdfPrimitives = NODE_KDF,
): Promise<unknown> {
  const params: KdfParams[] = file.slots.map((s) => ({
    name: 'scrypt',
    N: s.n,
    r: s.r,
    p: s.p,
    salt: Buffer.from(s.salt, 'hex').toString('base64'),
  }));
  if (!params.every(kdfParamsAcceptable)) throw damaged('kdf parameters out of range');
  const none = Buffer.alloc(0);
  let master: Buffer | null = null;
  for (const [i, slot] of file.slots.entries()) {
    const key = await deriveKey(password, params[i]!, kdf);
    try {
      master = unseal(
        key,
        Buffer.from(slot.key_params.nonce, 'hex'),
        Buffer.concat([Buffer.from(slot.key, 'hex'), Buffer.from(slot.key_params.tag, 'hex')]),
        none,
      );
    } finally {
      key.fill(0);
    }
    if (master) break;
  }
  if (!master) throw new FaktorError('backup-wrong-password');
  let plain: Buffer | null;
  try {
    plain = unseal(
      master,
      Buffer.from(file.nonce, 'hex'),
      Buffer.concat([Buffer.from(file.db, 'base64'), Buffer.from(file.tag, 'hex')]),
      none,
    );
  } finally {
    master.fill(0);
  }
  if (!plain) throw damaged('vault content does not decrypt');
  return takeJson(plain);
}
