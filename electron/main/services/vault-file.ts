import { z } from 'zod';
import { FaktorError } from '../../../shared/errors';
import { AccountMeta, ORGANISE_DEFAULTS } from '../../../shared/account';
import { readFileIfExists, writeFileAtomic, type AtomicWriteHooks } from './atomic-file';
import { PairedRecordSchema, type PairedRecord } from './servicekonto/paired-record';
import { toView, type VaultAccount } from './vault-account';
import { decodeVaultFile, encodeVaultFile } from './vault-format';
import { recoverRekey } from './vault-rekey';

/*
 * The vault file's content: what the encrypted payload holds (accounts with their seeds, paired
 * Servicekonten), its strict parsing, and reading/writing it under a key. The encryption envelope is
 * vault-format.ts, the crash-safe re-key vault-rekey.ts. Plaintext buffers are zeroed after use.
 */

/** File name of the encrypted vault inside the app-data directory. */
export const VAULT_FILE = 'vault.json';

/** Everything the vault file holds, decrypted. */
export interface VaultContent {
  readonly accounts: VaultAccount[];
  readonly pairings: PairedRecord[];
}

/**
 * The stored record: the account as the renderer sees it, plus the seed (Base64). The organising
 * fields (pinned, tags, lastUsed) default for vaults written before they existed (docs/vault.md).
 */
const StoredAccount = AccountMeta.extend({
  secret: z.string().min(1),
  pinned: AccountMeta.shape.pinned.default(ORGANISE_DEFAULTS.pinned),
  tags: AccountMeta.shape.tags.default(() => [...ORGANISE_DEFAULTS.tags]),
  lastUsed: AccountMeta.shape.lastUsed.default(ORGANISE_DEFAULTS.lastUsed),
});
// `pairings` (paired Servicekonten, docs/servicekonto-app.md) is optional so vaults written before it read unchanged.
const Payload = z.strictObject({
  accounts: z.array(StoredAccount),
  pairings: z.array(PairedRecordSchema).optional(),
});

/** The payload's JSON text (the caller zeroes the buffer it makes of it). */
function encodePayload(content: VaultContent): string {
  const stored = content.accounts.map((a) => ({
    ...toView(a),
    secret: Buffer.from(a.secret).toString('base64'),
  }));
  return JSON.stringify(
    content.pairings.length > 0
      ? { accounts: stored, pairings: content.pairings }
      : { accounts: stored },
  );
}

/** Parses a decrypted payload strictly ('vault-corrupt' otherwise) and zeroes it. */
function decodePayload(plain: Buffer): VaultContent {
  try {
    const parsed = Payload.parse(JSON.parse(plain.toString('utf8')));
    const accounts = parsed.accounts.map((a) => ({
      ...a,
      secret: new Uint8Array(Buffer.from(a.secret, 'base64')),
    }));
    return { accounts, pairings: (parsed.pairings ?? []) as PairedRecord[] };
  } catch {
    throw new FaktorError('vault-corrupt', 'vault payload malformed');
  } finally {
    plain.fill(0);
  }
}

/** The vault file encrypted under `key`, ready to write (the plaintext never outlives the call). */
export function encryptContent(key: Uint8Array, content: VaultContent): string {
  const payload = Buffer.from(encodePayload(content), 'utf8');
  try {
    return encodeVaultFile(key, payload);
  } finally {
    payload.fill(0);
  }
}

/**
 * Reads the vault under `key`, first finishing a re-key a crash interrupted (vault-rekey.ts); a key
 * without a file is an empty vault.
 */
export async function readContent(file: string, key: Uint8Array): Promise<VaultContent> {
  await recoverRekey(file, key);
  const bytes = await readFileIfExists(file);
  return bytes ? decodePayload(decodeVaultFile(key, bytes)) : { accounts: [], pairings: [] };
}

/** Writes the content under `key` atomically (temp file + fsync + rename). */
export async function writeContent(
  file: string,
  key: Uint8Array,
  content: VaultContent,
  hooks?: AtomicWriteHooks,
): Promise<void> {
  await writeFileAtomic(file, encryptContent(key, content), { hooks });
}
