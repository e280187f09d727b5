import { FaktorError } from '../../../../shared/errors';
import type { EnteEnvelope } from '../../../../shared/import/ente';
import { damaged } from '../../../../shared/import/entry';
import {
  deriveKey,
  kdfParamsAcceptable,
  NODE_KDF,
  type KdfParams,
  type KdfPrimitives,
} from '../crypto';
import { secretstreamPullFirst, TAG_FINAL } from './secretstream';

/**
 * Opens an Ente Auth encrypted export: Argon2id(password, salt, t = opsLimit, m = memLimit/1024 KiB,
 * 1 lane, 32 bytes) — exactly as Ente's own decrypt tool — then one secretstream message whose
 * header is `encryptionNonce`. The Argon2 cost is checked against crypto.ts's KDF_LIMITS first:
 * Ente's "sensitive" preset (1 GiB) is refused as out of range (docs/import-formats.md).
 */
export async function decryptEnte(
  env: EnteEnvelope,
  password: string,
  kdf: KdfPrimitives = NODE_KDF,
): Promise<string> {
  const { memLimit, opsLimit, salt } = env.kdfParams;
  if (memLimit % 1024 !== 0) throw damaged('kdf parameters out of range');
  const params: KdfParams = {
    name: 'argon2id',
    memoryKiB: memLimit / 1024,
    iterations: opsLimit,
    parallelism: 1,
    salt,
  };
  if (!kdfParamsAcceptable(params)) throw damaged('kdf parameters out of range');
  const header = Buffer.from(env.encryptionNonce, 'base64');
  if (header.length !== 24) throw damaged('nonce length');
  const key = await deriveKey(password, params, kdf);
  let out: ReturnType<typeof secretstreamPullFirst>;
  try {
    out = secretstreamPullFirst(key, header, Buffer.from(env.encryptedData, 'base64'));
  } finally {
    key.fill(0);
  }
  if (!out) throw new FaktorError('backup-wrong-password');
  try {
    if (out.tag !== TAG_FINAL) throw damaged('export continues past its first message');
    return new TextDecoder('utf-8', { fatal: true }).decode(out.message);
  } catch (e) {
    if (e instanceof FaktorError) throw e;
    throw damaged('content is not UTF-8');
  } finally {
    out.message.fill(0);
  }
}
