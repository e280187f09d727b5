/**
 * The German minimum data set (§2.2) and the §4.5 check that an eID identification matches it: what
 * the eID takeover writes (eid-verification.ts) and what lets a verification stand in for an
 * authentication.
 */
import { findAttribute } from './account';
import { atLeast, type MeansLevel } from '../../shared/levels';
import type { Account, Attribute, Provenance } from './model';

/** Keys of the German minimum data set (§2.2) as stored attribute names. */
export const MDS_ATTRIBUTES = [
  'givenNames',
  'familyName',
  'birthName',
  'dateOfBirth',
  'placeOfBirth',
  'address',
] as const;
/** One minimum-data-set attribute key. */
export type MdsAttribute = (typeof MDS_ATTRIBUTES)[number];
/** MDS attributes that must exist for the §4.5 attribute path (birthName may legitimately be absent). */
const MDS_REQUIRED: readonly MdsAttribute[] = [
  'givenNames',
  'familyName',
  'dateOfBirth',
  'placeOfBirth',
  'address',
];

/** True for a minimum-data-set key. */
export function isMdsAttribute(name: string): name is MdsAttribute {
  return (MDS_ATTRIBUTES as readonly string[]).includes(name);
}

/** What an eID identification delivered (from the test provider or a real eID server). */
export interface EidResult {
  /** Service- and card-specific identifier (DKK), the "eindeutige Kennung" of §4.5 Nr. 1. */
  readonly pseudonym: string;
  /** Level of the identification (hoch for the German eID). */
  readonly level: MeansLevel;
  readonly attributes: Readonly<Partial<Record<MdsAttribute, string>>>;
}

/**
 * §4.5 reading (issue #7): a value or pseudonym counts for a substitute at `level` only when it is the
 * owner's — stored at account creation, or entered/changed/bound in a session at ≥ `level`.
 */
export function provenanceCounts(provenance: Provenance | null, level: MeansLevel): boolean {
  return provenance === 'account-creation' || (provenance !== null && atLeast(provenance, level));
}

/** Canonical form for comparing MDS values: NFKC, upper case (ß→SS), single spaces. */
export function normalizeMdsValue(v: string): string {
  return v.normalize('NFKC').toUpperCase().replace(/\s+/g, ' ').trim();
}

/** Given names match when the stored names appear, in order, among the eID's (users often enter only the Rufname). */
function givenNamesMatch(stored: string, fromEid: string): boolean {
  const want = normalizeMdsValue(stored).split(' ').filter(Boolean);
  const have = normalizeMdsValue(fromEid).split(' ').filter(Boolean);
  if (want.length === 0) return false;
  let i = 0;
  for (const h of have) if (h === want[i]) i++;
  return i === want.length;
}

/** Outcome of the §4.5 check. */
export type MdsCheck =
  | { readonly ok: true; readonly via: 'pseudonym' | 'attributes' }
  | {
      readonly ok: false;
      readonly code: 'mds-incomplete' | 'mds-mismatch';
      readonly attribute?: string;
    };

/**
 * §4.5 Nr. 1 and 2 for a substitute at `grant`: matches when the stored pseudonym equals the eID's, or
 * when ALL minimum-data-set attributes are stored (any level) and equal the eID's values after
 * normalisation; no value may change. Only the owner's values and pseudonym count (provenanceCounts):
 * what a session below `grant` entered, changed or bound is treated as not stored.
 */
export function checkMinimumDataSet(
  account: Account,
  eid: EidResult,
  grant: MeansLevel = 'hoch',
): MdsCheck {
  if (
    account.eidPseudonym !== null &&
    account.eidPseudonym === eid.pseudonym &&
    provenanceCounts(account.eidPseudonymProvenance, grant)
  )
    return { ok: true, via: 'pseudonym' };
  const owners = (name: string): Attribute | undefined => {
    const a = findAttribute(account, name);
    return a && provenanceCounts(a.provenance, grant) ? a : undefined;
  };
  for (const name of MDS_REQUIRED) {
    if (!owners(name) || eid.attributes[name] === undefined)
      return { ok: false, code: 'mds-incomplete', attribute: name };
  }
  for (const name of MDS_ATTRIBUTES) {
    if (findAttribute(account, name) && !owners(name))
      return { ok: false, code: 'mds-incomplete', attribute: name };
    const stored = owners(name)?.value;
    const got = eid.attributes[name];
    if (stored === undefined && got === undefined) continue;
    if (stored === undefined || got === undefined)
      return {
        ok: false,
        code: name === 'birthName' && stored === undefined ? 'mds-incomplete' : 'mds-mismatch',
        attribute: name,
      };
    const same =
      name === 'givenNames'
        ? givenNamesMatch(stored, got)
        : normalizeMdsValue(stored) === normalizeMdsValue(got);
    if (!same) return { ok: false, code: 'mds-mismatch', attribute: name };
  }
  return { ok: true, via: 'attributes' };
}
