/**
 * §6 identification as OpenID Connect claims. Each Servicekonto attribute maps to a standard claim;
 * released values travel in the OpenID Connect for Identity Assurance shape — one `verified_claims`
 * element per level, with `verification.trust_framework` and `assurance_level` — while
 * Basisregistrierung (self-entered, unverified) values are plain top-level claims named in
 * `unverified_claims`. Withheld attributes are listed in `withheld_claims` with the reason.
 */
import type { IdentificationResult } from '../domain';
import type { DataLevel } from '../../shared/levels';

/** `verification.trust_framework` of every verified claim: the rules the levels come from. */
export const TRUST_FRAMEWORK = 'de_bsi_tr_03160_1';

/** Servicekonto attribute → OIDC claim name (OIDC Core §5.1 and OpenID Identity Assurance claims). */
export const ATTRIBUTE_CLAIMS: Readonly<Record<string, string>> = {
  familyName: 'family_name',
  givenNames: 'given_name',
  birthName: 'birth_family_name',
  dateOfBirth: 'birthdate',
  placeOfBirth: 'place_of_birth',
  address: 'address',
  email: 'email',
  phone: 'phone_number',
};

/** Scope → attributes it asks for. */
export const SCOPE_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  profile: ['familyName', 'givenNames', 'birthName', 'dateOfBirth', 'placeOfBirth'],
  address: ['address'],
  email: ['email'],
  phone: ['phone'],
};

/** Claims the provider may hand out, per scope (its `claims` configuration). */
export const PROVIDER_CLAIMS: Record<string, string[] | null> = {
  acr: null,
  auth_time: null,
  sid: null,
  // amr under openid: every ID token says which kinds of means the session used (RFC 8176, amr.ts).
  openid: ['sub', 'amr', 'verified_claims', 'unverified_claims', 'withheld_claims'],
  ...Object.fromEntries(
    Object.entries(SCOPE_ATTRIBUTES).map(([scope, attrs]) => [
      scope,
      attrs.map((a) => ATTRIBUTE_CLAIMS[a] as string),
    ]),
  ),
};

const CLAIM_ATTRIBUTES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(ATTRIBUTE_CLAIMS).map(([a, c]) => [c, a]),
);

/** The attributes a request asks for: from its scopes and from claim names in the `claims` parameter. */
export function requestedAttributes(
  scope: string,
  claimsParam: { id_token?: object; userinfo?: object } | undefined,
): string[] {
  const wanted = new Set<string>();
  for (const s of scope.split(' ')) for (const a of SCOPE_ATTRIBUTES[s] ?? []) wanted.add(a);
  for (const part of [claimsParam?.id_token, claimsParam?.userinfo]) {
    for (const name of Object.keys(part ?? {})) {
      const a = CLAIM_ATTRIBUTES[name];
      if (a) wanted.add(a);
    }
  }
  return [...wanted];
}

/** Why a claim was not released (the domain's reasons plus the user's choice). */
export type WithheldReason =
  'missing' | 'below-target' | 'needs-reconfirmation' | 'no-consent' | 'session-below-target';

/** What one authorisation releases, fixed when the user finished the login (stored by grant id). */
export interface Release {
  target: DataLevel;
  released: { attribute: string; value: string; level: DataLevel }[];
  withheld: { attribute: string; reason: WithheldReason; level: DataLevel | null }[];
}

/**
 * Builds the release from the domain's identification, minus the attributes the user did not
 * consent to. `identification` is undefined when the session is below the target (nothing released).
 */
export function buildRelease(
  target: DataLevel,
  wanted: readonly string[],
  identification: IdentificationResult | undefined,
  consented: ReadonlySet<string>,
): Release {
  if (!identification)
    return {
      target,
      released: [],
      withheld: wanted.map((attribute) => ({
        attribute,
        reason: 'session-below-target',
        level: null,
      })),
    };
  const released: Release['released'] = [];
  const withheld: Release['withheld'] = identification.withheld.map((w) => ({
    attribute: w.name,
    reason: w.reason,
    level: w.level,
  }));
  for (const a of identification.attributes) {
    if (consented.has(a.name)) released.push({ attribute: a.name, value: a.value, level: a.level });
    else withheld.push({ attribute: a.name, reason: 'no-consent', level: a.level });
  }
  return { target, released, withheld };
}

/** A claim's value: structured where the claim is an object (address, place_of_birth). */
function claimValue(attribute: string, value: string): unknown {
  if (attribute === 'address') return { formatted: value };
  if (attribute === 'placeOfBirth') return { locality: value };
  return value;
}

/** The claims object for the ID token and userinfo (the provider then filters by granted scope). */
export function releaseClaims(
  sub: string,
  release: Release,
): { sub: string } & Record<string, unknown> {
  const byLevel = new Map<DataLevel, Record<string, unknown>>();
  const unverified: Record<string, unknown> = {};
  for (const r of release.released) {
    const claim = ATTRIBUTE_CLAIMS[r.attribute] ?? r.attribute;
    if (r.level === 'basisregistrierung') {
      unverified[claim] = claimValue(r.attribute, r.value);
      continue;
    }
    const group = byLevel.get(r.level) ?? {};
    group[claim] = claimValue(r.attribute, r.value);
    byLevel.set(r.level, group);
  }
  const verified = [...byLevel.entries()].map(([level, claims]) => ({
    verification: { trust_framework: TRUST_FRAMEWORK, assurance_level: level },
    claims,
  }));
  return {
    sub,
    ...unverified,
    ...(Object.keys(unverified).length > 0 ? { unverified_claims: Object.keys(unverified) } : {}),
    ...(verified.length > 0 ? { verified_claims: verified } : {}),
    ...(release.withheld.length > 0
      ? {
          withheld_claims: release.withheld.map((w) => ({
            claim: ATTRIBUTE_CLAIMS[w.attribute] ?? w.attribute,
            reason: w.reason,
            level: w.level,
          })),
        }
      : {}),
  };
}
