/**
 * Encryption at rest of means credentials (TOTP seeds, WebAuthn public keys and counters, phone
 * numbers, eID pseudonyms): AES-256-GCM under a server key from the environment (FAKTOR_DATA_KEYS),
 * the row's means id as associated data, so a sealed value cannot be moved to another means. Several
 * keys may be configured for rotation: the first seals, every listed one opens; on start-up every row
 * not sealed with the first key is re-sealed (docs/servicekonto.md, "Keys"). Rows written before this
 * existed (plain JSON) are read as they are and re-sealed on that same start-up.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** One configured key: a short id (stored next to each value) and 32 bytes. */
export interface DataKey {
  readonly id: string;
  readonly key: Buffer;
}

const PREFIX = 'enc:v1:';

/** Parses FAKTOR_DATA_KEYS: `id:base64key[,id:base64key…]`, first = current. Throws a plain-words Error on bad input. */
export function parseDataKeys(text: string): DataKey[] {
  const keys = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^([a-z0-9-]{1,16}):([A-Za-z0-9+/=_-]+)$/.exec(entry);
      const key = m ? Buffer.from(m[2] as string, 'base64') : Buffer.alloc(0);
      if (!m || key.length !== 32)
        throw new Error(
          'each data key is id:base64 of 32 bytes, e.g. k1:$(openssl rand -base64 32)',
        );
      return { id: m[1] as string, key };
    });
  if (keys.length === 0) throw new Error('no data key given');
  if (new Set(keys.map((k) => k.id)).size !== keys.length)
    throw new Error('data key ids must be unique');
  return keys;
}

/** Seals and opens credential JSON. */
export class CredentialCipher {
  private readonly byId: ReadonlyMap<string, Buffer>;

  constructor(private readonly keys: readonly DataKey[]) {
    if (keys.length === 0) throw new Error('CredentialCipher needs a key');
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** `plain` sealed with the current key, bound to `meansId`. */
  seal(plain: string, meansId: string): string {
    const current = this.keys[0] as DataKey;
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', current.key, iv);
    c.setAAD(Buffer.from(meansId));
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final(), c.getAuthTag()]);
    return `${PREFIX}${current.id}:${iv.toString('base64')}:${body.toString('base64')}`;
  }

  /** The plain JSON of a stored value (legacy plain rows pass through); throws when the key is unknown or the value was altered. */
  open(stored: string, meansId: string): string {
    if (!stored.startsWith(PREFIX)) return stored;
    const [id, ivB64, bodyB64] = stored.slice(PREFIX.length).split(':');
    const key = id === undefined ? undefined : this.byId.get(id);
    if (!key || !ivB64 || !bodyB64)
      throw new Error(
        `credential sealed with unknown data key "${id ?? ''}" (add it to FAKTOR_DATA_KEYS)`,
      );
    const body = Buffer.from(bodyB64, 'base64');
    const d = createDecipheriv('aes-256-gcm', key, Buffer.from(ivB64, 'base64'));
    d.setAAD(Buffer.from(meansId));
    d.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([d.update(body.subarray(0, body.length - 16)), d.final()]).toString(
      'utf8',
    );
  }

  /** True when `stored` is sealed with the current key (else re-seal it on start-up). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`${PREFIX}${(this.keys[0] as DataKey).id}:`);
  }
}
