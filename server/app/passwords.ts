/**
 * Argon2id hashing for account passwords and block passwords (ASVS 5.0 V11.4.2; OWASP parameters
 * m=19456 KiB, t=2, p=1). @node-rs/argon2's async functions run on the libuv thread pool, so a
 * login never blocks the event loop.
 */
import { hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id; the package exports it as an ambient const enum, which isolated modules cannot read. */
const ARGON2ID = 2;

/** The parameter set, shared with the benchmark so it measures exactly what logins cost. */
export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** OWASP Password Storage Cheat Sheet option 2. */
export const ARGON2_PARAMS: Argon2Params = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

/** Hashes and verifies secrets; one instance per server so tests can lower the cost. */
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly params: Argon2Params = ARGON2_PARAMS) {}

  /** A PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash) with a fresh 16-byte salt. */
  hash(secret: string): Promise<string> {
    return hash(secret, { ...this.params, algorithm: ARGON2ID });
  }

  /** Constant-time check; a malformed stored hash counts as a mismatch, never as an exception. */
  async verify(stored: string, secret: string): Promise<boolean> {
    try {
      return await verify(stored, secret);
    } catch {
      return false;
    }
  }

  /**
   * Spends the same work as a real verification against a throw-away hash, so an unknown username
   * answers in about the same time as a wrong password (ASVS 6.3.8: no user enumeration).
   */
  async burn(secret: string): Promise<false> {
    this.dummyHash ??= this.hash('faktor-dummy-password-for-timing');
    await this.verify(await this.dummyHash, secret);
    return false;
  }
}
