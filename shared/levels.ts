/**
 * Trust levels (Vertrauensniveaus) of TR-03160-1 §2.1, kept on two axes (§2.5): data levels per
 * attribute include `basisregistrierung` (self-entered, unverified); means levels never do.
 * The strings are exactly what the API shows. Shared by the server, the app and the wire formats
 * (pairing and login payloads carry a level), so there is one definition.
 */

/** Data (attribute) levels, lowest first (§2.1). */
export const DATA_LEVELS = ['basisregistrierung', 'niedrig', 'substanziell', 'hoch'] as const;
/** Levels an authentication means, a session or an account maximum can have, lowest first (§2.5). */
export const MEANS_LEVELS = ['niedrig', 'substanziell', 'hoch'] as const;

/** Level of an attribute (§2.3). */
export type DataLevel = (typeof DATA_LEVELS)[number];
/** Level of a means, a session or an account maximum (§2.5); a MeansLevel is also a DataLevel. */
export type MeansLevel = (typeof MEANS_LEVELS)[number];

/** True when `s` is one of the four data-level strings (for parsing API input). */
export function isDataLevel(s: unknown): s is DataLevel {
  return typeof s === 'string' && (DATA_LEVELS as readonly string[]).includes(s);
}

/** True when `s` is one of the three means-level strings (for parsing API input). */
export function isMeansLevel(s: unknown): s is MeansLevel {
  return typeof s === 'string' && (MEANS_LEVELS as readonly string[]).includes(s);
}

/** Rank on the common scale basisregistrierung=0 … hoch=3, so both axes compare with each other. */
export function levelRank(level: DataLevel): number {
  return DATA_LEVELS.indexOf(level);
}

/** Negative, zero or positive like a sort comparator (works across both axes). */
export function compareLevels(a: DataLevel, b: DataLevel): number {
  return levelRank(a) - levelRank(b);
}

/** True when `a` reaches at least `b` ("mindestens auf dem Vertrauensniveau"). */
export function atLeast(a: DataLevel | null | undefined, b: DataLevel): boolean {
  return a != null && levelRank(a) >= levelRank(b);
}

/** The higher of two levels; `null` means "none" and loses. */
export function maxLevel<L extends DataLevel>(a: L | null, b: L | null): L | null {
  if (a === null) return b;
  if (b === null) return a;
  return levelRank(a) >= levelRank(b) ? a : b;
}

/** The lower of two levels (caps: an attribute is usable at most at min(own, session, account)). */
export function minLevel<A extends DataLevel, B extends DataLevel>(a: A, b: B): A | B {
  return levelRank(a) <= levelRank(b) ? a : b;
}

/** Highest of a list of means levels, or null for an empty list (§2.5 account maximum). */
export function highestLevel<L extends DataLevel>(levels: readonly L[]): L | null {
  let best: L | null = null;
  for (const l of levels) best = maxLevel(best, l);
  return best;
}

/** The next lower means level, or null below niedrig (§4.3 downgrade steps). */
export function lowerMeansLevel(level: MeansLevel): MeansLevel | null {
  const i = MEANS_LEVELS.indexOf(level);
  return i > 0 ? (MEANS_LEVELS[i - 1] ?? null) : null;
}

/** How each level is glossed in English; the German word stays the name users know (UI shows both). */
export const LEVEL_GLOSS_EN: Readonly<Record<DataLevel, string>> = {
  basisregistrierung: 'basic registration, unverified',
  niedrig: 'low',
  substanziell: 'substantial',
  hoch: 'high',
};

/** The German display names (capitalised as in TR-03160-1), used in both UI languages. */
export const LEVEL_NAME_DE: Readonly<Record<DataLevel, string>> = {
  basisregistrierung: 'Basisregistrierung',
  niedrig: 'niedrig',
  substanziell: 'substanziell',
  hoch: 'hoch',
};
