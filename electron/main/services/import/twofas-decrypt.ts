import { FaktorError } from '../../../../shared/errors';
import { damaged } from '../../../../shared/import/entry';
import type { B64Parts, TwoFasFile } from '../../../../shared/import/twofas';
import { takeJson } from './plain-json';
import { unseal } from '../crypto';
import { pbkdf2 } from './pbkdf2';

/** 2FAS's fixed PBKDF2-HMAC-SHA256 iteration count (Aegis's TwoFASImporter, 2fas-backup-decryptor). */
export const TWOFAS_ITERATIONS = 10_000;

/**
 * Opens `servicesEncrypted` of a .2fas file. With a `reference` field, that is opened first: failing
 * there is a wrong password, failing afterwards is a damaged file. Without one (older files) any
 * failure is reported as a wrong password, the only thing GCM can say.
 */
export async function decryptTwoFas(
  file: Extract<TwoFasFile, { kind: 'encrypted' }>,
  password: string,
): Promise<unknown> {
  const salt = Buffer.from(file.services.salt, 'base64');
  if (salt.length < 8 || salt.length > 1024) throw damaged('salt length');
  const key = await pbkdf2(password, salt, TWOFAS_ITERATIONS, 'sha256');
  try {
    if (file.reference !== null) {
      const ref = open(key, file.reference);
      if (!ref) throw new FaktorError('backup-wrong-password');
      ref.fill(0);
    }
    const plain = open(key, file.services);
    if (!plain)
      throw file.reference !== null
        ? damaged('services do not decrypt')
        : new FaktorError('backup-wrong-password');
    return takeJson(plain);
  } finally {
    key.fill(0);
  }
}

function open(key: Buffer, p: B64Parts): Buffer | null {
  const iv = Buffer.from(p.iv, 'base64');
  return unseal(key, iv, Buffer.from(p.ciphertext, 'base64'), Buffer.alloc(0));
}
