/** Means kinds the pages can register, and the short URL slug each one uses (`/means/new/totp`). */
export const REGISTRABLE_KINDS = {
  totp: 'password+totp',
  sms: 'password+sms',
  'security-key': 'password+security-key',
  platform: 'platform-authenticator',
} as const;

/** A URL slug of a registrable kind. */
export type KindSlug = keyof typeof REGISTRABLE_KINDS;

/** A registrable means kind (the domain's name). */
export type RegistrableKind = (typeof REGISTRABLE_KINDS)[KindSlug];

/** Slug for a kind (for building links). */
export function slugOf(kind: RegistrableKind): KindSlug {
  return (Object.keys(REGISTRABLE_KINDS) as KindSlug[]).find(
    (s) => REGISTRABLE_KINDS[s] === kind,
  ) as KindSlug;
}

/** Kind for a slug from the URL, or undefined for anything else. */
export function kindOfSlug(slug: string): RegistrableKind | undefined {
  return Object.prototype.hasOwnProperty.call(REGISTRABLE_KINDS, slug)
    ? REGISTRABLE_KINDS[slug as KindSlug]
    : undefined;
}

/** True for the two WebAuthn kinds (their pages need the served script). */
export function isWebAuthnKind(
  kind: string,
): kind is 'password+security-key' | 'platform-authenticator' {
  return kind === 'password+security-key' || kind === 'platform-authenticator';
}
