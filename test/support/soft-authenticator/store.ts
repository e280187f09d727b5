import { p256 } from '@noble/curves/nist.js';
import { equalBytes } from '@noble/curves/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';

/** A credential held by the software authenticator (CTAP2 or U2F-registered). */
export interface SoftCredential {
  readonly id: Uint8Array;
  readonly rpId?: string;
  readonly rpName?: string;
  readonly rpIdHash: Uint8Array;
  user?: { id: Uint8Array; name?: string; displayName?: string };
  readonly secretKey: Uint8Array;
  readonly publicKey: Uint8Array;
  readonly resident: boolean;
  readonly createdAt: number;
}

/** In-memory credential store with a global signature counter, as a simple key keeps it. */
export class CredentialStore {
  private credentials: SoftCredential[] = [];
  private counter = 0;
  private sequence = 0;

  /** Creates and stores a fresh P-256 credential. */
  create(
    fields: Omit<SoftCredential, 'id' | 'secretKey' | 'publicKey' | 'createdAt'>,
  ): SoftCredential {
    const secretKey = p256.utils.randomSecretKey();
    const credential: SoftCredential = {
      ...fields,
      id: randomBytes(32),
      secretKey,
      publicKey: p256.getPublicKey(secretKey, false),
      createdAt: this.sequence++,
    };
    this.credentials.push(credential);
    return credential;
  }

  /** The credential with this id for this RP. */
  find(id: Uint8Array, rpIdHash: Uint8Array): SoftCredential | undefined {
    return this.credentials.find((c) => equalBytes(c.id, id) && equalBytes(c.rpIdHash, rpIdHash));
  }

  /** Discoverable credentials, newest first, optionally for one RP. */
  resident(rpIdHash?: Uint8Array): SoftCredential[] {
    return this.credentials
      .filter((c) => c.resident && (!rpIdHash || equalBytes(c.rpIdHash, rpIdHash)))
      .sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Removes a credential by id; false when none matched. */
  delete(id: Uint8Array): boolean {
    const before = this.credentials.length;
    this.credentials = this.credentials.filter((c) => !equalBytes(c.id, id));
    return this.credentials.length < before;
  }

  /** The next signature counter value. */
  nextCounter(): number {
    return ++this.counter;
  }

  /** Forgets every credential (authenticatorReset). */
  clear(): void {
    this.credentials = [];
  }
}

/** SHA-256 of an RP id, the key every lookup uses. */
export function rpIdHash(rpId: string): Uint8Array {
  return sha256(utf8ToBytes(rpId));
}
