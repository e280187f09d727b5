import { z } from 'zod';
import { damaged, isRecord } from './entry';
import { parseOtpauthList } from './otpauth-list';
import type { ParsedImport } from './types';

/*
 * Ente Auth exports (ente-io/ente migration-guides/encrypted_export.md and its decrypt tool). Plain:
 * a text file of otpauth:// URIs, one per line. Encrypted (version 1): `{version, kdfParams:
 * {memLimit (bytes), opsLimit, salt}, encryptedData, encryptionNonce}` (all Base64): Argon2id(ops,
 * mem/1024 KiB, 1 lane, 32 bytes) → libsodium crypto_secretstream_xchacha20poly1305 with the
 * nonce as stream header, one message. The plaintext is again the otpauth list.
 */

const B64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);
const Envelope = z.object({
  version: z.literal(1),
  kdfParams: z.object({ memLimit: z.number().int(), opsLimit: z.number().int(), salt: B64 }),
  encryptedData: B64,
  encryptionNonce: B64,
});

/** The encrypted export's fields, validated for shape (bounds are the main process's job). */
export type EnteEnvelope = z.infer<typeof Envelope>;

/** True when the JSON looks like an Ente encrypted export (used by format detection). */
export function looksLikeEnteEncrypted(json: unknown): boolean {
  return isRecord(json) && isRecord(json.kdfParams) && 'encryptedData' in json;
}

/** Reads the encrypted export's envelope. */
export function readEnteEnvelope(json: unknown): EnteEnvelope {
  if (!looksLikeEnteEncrypted(json)) throw damaged('not an Ente export');
  const parsed = Envelope.safeParse(json);
  if (!parsed.success) throw damaged('Ente envelope malformed');
  return parsed.data;
}

/** The plain export (or the decrypted payload): an otpauth list. */
export function parseEntePlain(text: string): ParsedImport {
  return parseOtpauthList(text);
}
