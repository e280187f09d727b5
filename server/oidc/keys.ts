/**
 * ID-token signing keys, generated per install and kept in the database (never in a file or the
 * repository). The newest key signs; keys it replaced stay published in the JWKS for a grace period
 * so tokens they signed still verify, then they are dropped. Rotation: at start-up when the signing
 * key is older than the rotation period, or on demand (`rotateSigningKey`, test route).
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { OidcRepo, StoredKey } from '../store/oidc-repo';

/** How often the signing key changes, and how long a replaced key stays published. */
export interface KeyPolicy {
  rotateAfterMs: number;
  graceMs: number;
}

/** 90 days per signing key; a replaced key is published for 1 day more (longer than any token or session lives). */
export const DEFAULT_KEY_POLICY: KeyPolicy = {
  rotateAfterMs: 90 * 86_400_000,
  graceMs: 86_400_000,
};

/** A fresh RSA-2048 private JWK (RS256 — the algorithm every OpenID Connect client supports). */
function newKey(): { kid: string; jwk: Record<string, unknown> } {
  const kid = randomUUID();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...(privateKey.export({ format: 'jwk' }) as Record<string, unknown>),
    kid,
    alg: 'RS256',
    use: 'sig',
  };
  return { kid, jwk };
}

/** Adds a new signing key now; the previous one keeps verifying for the grace period. */
export function rotateSigningKey(repo: OidcRepo, now: number): string {
  const { kid, jwk } = newKey();
  repo.addKey(kid, jwk, now);
  return kid;
}

/**
 * The keys the provider gets, signing key first: creates the first key on a fresh install, rotates
 * an expired one, forgets keys past their grace period.
 */
export function currentKeys(
  repo: OidcRepo,
  now: number,
  policy: KeyPolicy = DEFAULT_KEY_POLICY,
): StoredKey[] {
  repo.dropRetiredKeys(now - policy.graceMs);
  const active = repo.keys().find((k) => k.retiredAt === null);
  if (!active || now - active.createdAt >= policy.rotateAfterMs) rotateSigningKey(repo, now);
  // Newest first: oidc-provider signs with the first key that fits the algorithm.
  return repo.keys();
}
