import { z } from 'zod';
import { FaktorError, isFaktorError } from '../../../shared/errors';
import { otpParamsOf } from '../../../shared/account';
import { decodeBase32, encodeBase32 } from '../../../shared/otp/base32';
import { parseMigrationUri } from '../../../shared/otp/migration';
import { formatOtpauthUri, parseOtpauthUri } from '../../../shared/otp/uri';
import {
  deriveKey,
  kdfParamsAcceptable,
  newKdfParams,
  seal,
  unseal,
  DEFAULT_KDF,
  NODE_KDF,
  type KdfCost,
  type KdfPrimitives,
} from './crypto';
import { checkNewAccount, newAccountOf, type NewAccount, type VaultAccount } from './vault-account';
import { KdfParamsSchema } from './vault-format';

/**
 * Backups: the encrypted `faktor-backup` v1 format (docs/backup-format.md) and the plain otpauth://
 * list. Decoding validates everything and returns plain data; committing is the vault's job (one
 * atomic write). Garbage in → only FaktorError out (property-tested).
 */

/** Largest backup file we read (a 1,000-account backup is ~250 KB). */
export const MAX_BACKUP_BYTES = 16 * 1024 * 1024;
const AAD = Buffer.from('faktor-backup/1');
const B64 = z.string().regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);

const Head = z.object({ format: z.literal('faktor-backup'), version: z.number() });
const Envelope = z.strictObject({
  format: z.literal('faktor-backup'),
  version: z.literal(1),
  kdf: KdfParamsSchema,
  cipher: z.strictObject({ name: z.literal('aes-256-gcm'), nonce: B64 }),
  ciphertext: B64,
});
const BackupAccount = z.strictObject({
  type: z.enum(['totp', 'hotp']),
  issuer: z.string(),
  label: z.string(),
  secret: z.string().min(1),
  algorithm: z.enum(['SHA1', 'SHA256', 'SHA512']),
  digits: z.number().int(),
  period: z.number().int(),
  counter: z.number().int(),
  color: z.string().nullable(),
  icon: z.string().nullable(),
  // Organising fields (docs/backup-format.md): optional, so backups written before them still read.
  pinned: z.boolean().optional(),
  tags: z.array(z.string()).optional(),
  lastUsed: z.number().int().nullable().optional(),
});
const Payload = z.strictObject({ exportedAt: z.number().int(), accounts: z.array(BackupAccount) });

const invalid = (detail: string, params?: Record<string, string | number>): FaktorError =>
  new FaktorError('invalid-backup', detail, params);

/** Encrypts the accounts into a `faktor-backup` v1 file text. */
export async function encodeBackup(
  accounts: readonly VaultAccount[],
  password: string,
  nowMs: number,
  cost: KdfCost = DEFAULT_KDF,
): Promise<string> {
  const payload = Buffer.from(
    JSON.stringify({
      exportedAt: nowMs,
      accounts: accounts.map((a) => ({
        type: a.type,
        issuer: a.issuer,
        label: a.label,
        secret: encodeBase32(a.secret),
        algorithm: a.algorithm,
        digits: a.digits,
        period: a.period,
        counter: a.counter,
        color: a.color,
        icon: a.icon,
        pinned: a.pinned,
        tags: a.tags,
        lastUsed: a.lastUsed,
      })),
    }),
    'utf8',
  );
  const kdf = newKdfParams(cost);
  const key = await deriveKey(password, kdf);
  try {
    const { nonce, ciphertext } = seal(key, payload, AAD);
    const envelope = {
      format: 'faktor-backup',
      version: 1,
      kdf,
      cipher: { name: 'aes-256-gcm', nonce: nonce.toString('base64') },
      ciphertext: ciphertext.toString('base64'),
    };
    return `${JSON.stringify(envelope, null, 2)}\n`;
  } finally {
    key.fill(0);
    payload.fill(0);
  }
}

/** True when the text looks like our encrypted format (rather than an otpauth:// list). */
export function looksEncrypted(text: string): boolean {
  return stripBom(text).trimStart().startsWith('{');
}

/**
 * Decrypts and validates a `faktor-backup` file. Throws 'invalid-backup' (not ours, unknown version,
 * malformed, KDF cost beyond crypto.ts's KDF_LIMITS — refused before deriving anything) or
 * 'backup-wrong-password' (wrong password OR modified bytes: GCM cannot tell these apart, and we do
 * not pretend to). `kdf` is injectable only so tests can see that a refused file never derives.
 */
export async function decodeBackup(
  text: string,
  password: string,
  kdf: KdfPrimitives = NODE_KDF,
): Promise<NewAccount[]> {
  if (text.length > MAX_BACKUP_BYTES) throw invalid('too large');
  let json: unknown;
  try {
    json = JSON.parse(stripBom(text));
  } catch {
    throw invalid('not JSON');
  }
  const head = Head.safeParse(json);
  if (!head.success) throw invalid('not a Faktor backup');
  if (head.data.version !== 1)
    throw invalid('unsupported version', { version: String(head.data.version).slice(0, 16) });
  const env = Envelope.safeParse(json);
  if (!env.success) throw invalid('malformed envelope');
  const { kdf: params, cipher, ciphertext } = env.data;
  // Before deriving: a crafted cost (e.g. scrypt N=2^20, r=32 → 4 GiB) must never reach the KDF.
  if (!kdfParamsAcceptable(params)) throw invalid('kdf parameters out of range');

  const key = await deriveKey(password, params, kdf);
  let plain: Buffer | null;
  try {
    plain = unseal(
      key,
      Buffer.from(cipher.nonce, 'base64'),
      Buffer.from(ciphertext, 'base64'),
      AAD,
    );
  } finally {
    key.fill(0);
  }
  if (!plain) throw new FaktorError('backup-wrong-password');
  try {
    let payload: z.infer<typeof Payload>;
    try {
      payload = Payload.parse(JSON.parse(plain.toString('utf8')));
    } catch {
      throw invalid('malformed payload');
    }
    return payload.accounts.map((a, i) => {
      try {
        const account: NewAccount = { ...a, secret: decodeBase32(a.secret) };
        checkNewAccount(account);
        return account;
      } catch (e) {
        throw invalid(`account ${i + 1}: ${isFaktorError(e) ? e.code : 'invalid'}`, {
          entry: i + 1,
        });
      }
    });
  } finally {
    plain.fill(0);
  }
}

/** One otpauth:// URI per line (the unencrypted export). */
export function encodePlainList(accounts: readonly VaultAccount[]): string {
  return accounts.map((a) => `${formatOtpauthUri(otpParamsOf(a))}\n`).join('');
}

/**
 * Parses an otpauth:// list: one URI per line; blank lines and '#' comments ignored; Google
 * Authenticator export URIs (otpauth-migration://) accepted too. Any bad line fails the whole list
 * with 'invalid-backup' (to the user the file is "not a backup or link list", not "a bad link"),
 * `params.line` and `params.reason` (the line's own error code).
 */
export function parsePlainList(text: string): NewAccount[] {
  if (text.length > MAX_BACKUP_BYTES) throw invalid('too large');
  const out: NewAccount[] = [];
  const lines = stripBom(text).split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    try {
      const params = /^otpauth-migration:/i.test(line)
        ? parseMigrationUri(line).accounts
        : [parseOtpauthUri(line).params];
      for (const p of params) {
        const account = newAccountOf(p);
        checkNewAccount(account);
        out.push(account);
      }
    } catch (e) {
      throw invalid(`line ${i + 1}`, {
        line: i + 1,
        reason: isFaktorError(e) ? e.code : 'invalid-uri',
      });
    }
  });
  if (out.length === 0) throw invalid('no accounts');
  return out;
}

function stripBom(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
