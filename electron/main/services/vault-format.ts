import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import { FaktorError } from '../../../shared/errors';
import {
  deriveKey,
  KEY_BYTES,
  newKdfParams,
  seal,
  unseal,
  type KdfCost,
  type KdfParams,
} from './crypto';

/**
 * Byte layouts of the two things the vault persists: the keychain item (the vault key, plain or
 * wrapped under the app password) and the vault file (AES-256-GCM ciphertext of all accounts).
 * Parsing is strict; anything unexpected is 'vault-corrupt', never a guess. See docs/vault.md.
 */

/**
 * A short fingerprint of a keychain item's text (SHA-256, first 16 bytes, base64url). OS unlock
 * (os-unlock.ts) stores it next to the key it keeps, so the key counts only while this very item is in
 * force: a re-key, a password change or a reset makes it stale instead of opening an older vault.
 */
export function keyItemTag(item: string): string {
  return createHash('sha256').update(item, 'utf8').digest().subarray(0, 16).toString('base64url');
}

/** Strict standard Base64 (what Buffer#toString('base64') writes). */
export const B64 = z
  .string()
  .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);

/** KDF params as stored in the keychain item and in backups. */
export const KdfParamsSchema = z.discriminatedUnion('name', [
  z.strictObject({
    name: z.literal('argon2id'),
    memoryKiB: z.number().int(),
    iterations: z.number().int(),
    parallelism: z.number().int(),
    salt: B64,
  }),
  z.strictObject({
    name: z.literal('scrypt'),
    N: z.number().int(),
    r: z.number().int(),
    p: z.number().int(),
    salt: B64,
  }),
]);

const KeyItem = z.union([
  z.strictObject({ v: z.literal(1), key: B64 }),
  z.strictObject({
    v: z.literal(1),
    wrapped: z.strictObject({ kdf: KdfParamsSchema, nonce: B64, ciphertext: B64 }),
  }),
]);
type KeyItem = z.infer<typeof KeyItem>;

/** The parsed keychain item: the key itself, or the key encrypted under the app password. */
export type KeySlot = { kind: 'plain'; key: Buffer } | { kind: 'wrapped'; item: string };

const WRAP_AAD = Buffer.from('faktor-vault-key/1');

/**
 * The keychain item as data, or 'vault-corrupt'. The parse error itself is dropped on purpose: V8's
 * JSON errors quote the input, and this input holds the vault key.
 */
function readKeyItem(text: string): KeyItem {
  try {
    return KeyItem.parse(JSON.parse(text));
  } catch {
    throw new FaktorError('vault-corrupt', 'keychain item is not a Faktor vault key');
  }
}

/** Parses the keychain item. */
export function parseKeyItem(text: string): KeySlot {
  const item = readKeyItem(text);
  if ('key' in item) {
    const key = Buffer.from(item.key, 'base64');
    if (key.length !== KEY_BYTES)
      throw new FaktorError('vault-corrupt', 'vault key has the wrong length');
    return { kind: 'plain', key };
  }
  return { kind: 'wrapped', item: text };
}

/** The keychain item holding the key in the clear (the keychain itself protects it). */
export function plainKeyItem(key: Uint8Array): string {
  return JSON.stringify({ v: 1, key: Buffer.from(key).toString('base64') });
}

/** The keychain item holding the key encrypted with a key derived from the app password. */
export async function wrappedKeyItem(
  key: Uint8Array,
  password: string,
  cost: KdfCost,
): Promise<string> {
  const kdf = newKdfParams(cost);
  const kek = await deriveKey(password, kdf);
  try {
    const { nonce, ciphertext } = seal(kek, key, WRAP_AAD);
    return JSON.stringify({
      v: 1,
      wrapped: { kdf, nonce: nonce.toString('base64'), ciphertext: ciphertext.toString('base64') },
    });
  } finally {
    kek.fill(0);
  }
}

/** Unwraps a wrapped item; null when the password is wrong. */
export async function unwrapKeyItem(text: string, password: string): Promise<Buffer | null> {
  const item = readKeyItem(text);
  if (!('wrapped' in item)) throw new FaktorError('vault-corrupt', 'expected a wrapped key');
  const kdf: KdfParams = item.wrapped.kdf;
  const kek = await deriveKey(password, kdf);
  try {
    const key = unseal(
      kek,
      Buffer.from(item.wrapped.nonce, 'base64'),
      Buffer.from(item.wrapped.ciphertext, 'base64'),
      WRAP_AAD,
    );
    if (key && key.length !== KEY_BYTES)
      throw new FaktorError('vault-corrupt', 'vault key has the wrong length');
    return key;
  } finally {
    kek.fill(0);
  }
}

const VaultFile = z.strictObject({
  format: z.literal('faktor-vault'),
  version: z.literal(1),
  keyId: B64,
  nonce: B64,
  ciphertext: B64,
});

/**
 * A short public fingerprint of the vault key (HMAC, so it reveals nothing about the key) stored in
 * the file header, so "this file belongs to another key" is told apart from "this file is damaged".
 */
export function keyId(key: Uint8Array): string {
  return createHmac('sha256', key)
    .update('faktor-vault-key-id')
    .digest()
    .subarray(0, 8)
    .toString('base64');
}

const FILE_AAD = Buffer.from('faktor-vault/1');

/** Encrypts the vault payload (UTF-8 JSON) into the file's text. */
export function encodeVaultFile(key: Uint8Array, payload: Uint8Array): string {
  const { nonce, ciphertext } = seal(key, payload, FILE_AAD);
  return `${JSON.stringify({
    format: 'faktor-vault',
    version: 1,
    keyId: keyId(key),
    nonce: nonce.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
  })}\n`;
}

/** Decrypts the file's text into the payload bytes; 'vault-key-missing' for another key, 'vault-corrupt' else. */
export function decodeVaultFile(key: Uint8Array, bytes: Uint8Array): Buffer {
  let file: z.infer<typeof VaultFile>;
  try {
    file = VaultFile.parse(JSON.parse(Buffer.from(bytes).toString('utf8')));
  } catch {
    throw new FaktorError('vault-corrupt', 'vault file is not a Faktor vault');
  }
  if (file.keyId !== keyId(key))
    throw new FaktorError('vault-key-missing', 'the keychain holds a different vault key');
  const plain = unseal(
    key,
    Buffer.from(file.nonce, 'base64'),
    Buffer.from(file.ciphertext, 'base64'),
    FILE_AAD,
  );
  if (!plain) throw new FaktorError('vault-corrupt', 'vault file failed authentication');
  return plain;
}
