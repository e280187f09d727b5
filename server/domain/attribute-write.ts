/**
 * Writing one attribute with its level, source and provenance: the one rule every verification route
 * (verification.ts) and the eID takeover (eid-verification.ts) share.
 */
import { findAttribute } from './account';
import { highestLevel, levelRank, type DataLevel } from '../../shared/levels';
import type { Account, Attribute, AttributeSource, Provenance } from './model';

/** The stronger of two provenances (re-confirming the SAME value never weakens it). */
export function strongerProvenance(a: Provenance | null, b: Provenance): Provenance {
  if (a === 'account-creation' || b === 'account-creation') return 'account-creation';
  return a === null ? b : (highestLevel([a, b]) ?? b);
}

/** Writes one attribute; a re-verification of the SAME value never lowers its level or its provenance. */
export function putAttribute(
  account: Account,
  name: string,
  value: string,
  level: DataLevel,
  source: AttributeSource,
  now: number,
  provenance: Provenance,
): { account: Account; changed: boolean; raised: boolean } {
  const old = findAttribute(account, name);
  let next: Attribute = {
    name,
    value,
    level,
    source,
    verifiedAt: level === 'basisregistrierung' ? null : now,
    needsReconfirmation: false,
    provenance,
  };
  if (old && old.value === value)
    next = { ...next, provenance: strongerProvenance(old.provenance, provenance) };
  if (old && old.value === value && levelRank(old.level) > levelRank(level))
    next = { ...old, needsReconfirmation: false, provenance: next.provenance };
  const raised = !old || levelRank(next.level) > levelRank(old.level);
  const changed =
    !old ||
    old.value !== next.value ||
    old.level !== next.level ||
    old.needsReconfirmation !== next.needsReconfirmation ||
    old.source !== next.source;
  const attributes = old
    ? account.attributes.map((a) => (a.name === name ? next : a))
    : [...account.attributes, next];
  return { account: { ...account, attributes }, changed, raised };
}
