/**
 * Vertrauensniveau ↔ OpenID Connect `acr` (TR-03160-1 §2.1, §6). A service names the level it needs
 * with `acr_values` or an essential `acr` claim, in one of three spellings: our URNs
 * (`urn:faktor:tr-03160:niedrig|substanziell|hoch`, plus `…:basisregistrierung` = "unverified data is
 * fine"), the eIDAS LoA URIs (`http://eidas.europa.eu/LoA/low|substantial|high`) or the bare German
 * words. The answer uses the spelling the service asked in and is the level the session reached.
 */
import {
  atLeast,
  levelRank,
  MEANS_LEVELS,
  type DataLevel,
  type MeansLevel,
} from '../../shared/levels';

/** Prefix of the Servicekonto's own acr URNs. */
export const FAKTOR_ACR_PREFIX = 'urn:faktor:tr-03160:';

/** eIDAS Levels of Assurance (Implementing Regulation 2015/1502) for the three means levels. */
export const EIDAS_ACR: Readonly<Record<MeansLevel, string>> = {
  niedrig: 'http://eidas.europa.eu/LoA/low',
  substanziell: 'http://eidas.europa.eu/LoA/substantial',
  hoch: 'http://eidas.europa.eu/LoA/high',
};

/** How a service spelled its request; the answer uses the same family. */
export type AcrFamily = 'faktor' | 'eidas' | 'plain';

/** Every acr value the provider accepts (discovery's `acr_values_supported`). */
export const ACR_VALUES_SUPPORTED: readonly string[] = [
  ...MEANS_LEVELS.map((l) => `${FAKTOR_ACR_PREFIX}${l}`),
  `${FAKTOR_ACR_PREFIX}basisregistrierung`,
  ...MEANS_LEVELS.map((l) => EIDAS_ACR[l]),
  ...MEANS_LEVELS,
];

/** The level and family an acr value names, or undefined for a value we do not know. */
export function parseAcr(value: string): { level: DataLevel; family: AcrFamily } | undefined {
  if (value.startsWith(FAKTOR_ACR_PREFIX)) {
    const l = value.slice(FAKTOR_ACR_PREFIX.length);
    return l === 'basisregistrierung' || (MEANS_LEVELS as readonly string[]).includes(l)
      ? { level: l as DataLevel, family: 'faktor' }
      : undefined;
  }
  for (const l of MEANS_LEVELS) if (EIDAS_ACR[l] === value) return { level: l, family: 'eidas' };
  if ((MEANS_LEVELS as readonly string[]).includes(value))
    return { level: value as MeansLevel, family: 'plain' };
  return undefined;
}

/** The acr value for a reached means level in a family. */
export function acrFor(level: MeansLevel, family: AcrFamily): string {
  if (family === 'eidas') return EIDAS_ACR[level];
  if (family === 'plain') return level;
  return `${FAKTOR_ACR_PREFIX}${level}`;
}

/** What a service asked for. */
export interface AcrRequest {
  /** Ziel-Vertrauensniveau of §6: the lowest level any of the named values accepts (basisregistrierung = unverified data accepted). */
  target: DataLevel;
  /** Level the session must reach: the target, at least niedrig. */
  authLevel: MeansLevel;
  family: AcrFamily;
  /** Set when the acr claim was requested as essential: the answer must be one of these values. */
  essential?: readonly string[];
  /** True when the request named only values we do not know (essential → cannot be met). */
  unknownOnly: boolean;
}

/** An essential acr request from the `claims` parameter (`{"id_token":{"acr":{"essential":true,"values":[…]}}}`). */
export interface EssentialAcr {
  essential?: boolean;
  value?: string;
  values?: string[];
}

/**
 * Reads `acr_values` (space-separated, order of preference), the essential `acr` claim and the
 * client's `default_acr_values`, in that order of precedence for the family; the target is the lowest
 * level any named value accepts (each is acceptable to the service). Nothing named → niedrig.
 */
export function readAcrRequest(
  acrValues: string | undefined,
  claim: EssentialAcr | undefined,
  clientDefaults: readonly string[] | undefined,
): AcrRequest {
  const essentialValues = claim?.essential
    ? (claim.values ?? (claim.value !== undefined ? [claim.value] : []))
    : [];
  const named =
    essentialValues.length > 0
      ? essentialValues
      : acrValues
        ? acrValues.split(' ').filter((v) => v !== '')
        : [...(clientDefaults ?? [])];
  const parsed = named.map(parseAcr).filter((p): p is NonNullable<typeof p> => p !== undefined);
  const first = parsed[0];
  const target = parsed.reduce<DataLevel>(
    (lo, p) => (levelRank(p.level) < levelRank(lo) ? p.level : lo),
    first?.level ?? 'niedrig',
  );
  return {
    target,
    authLevel: atLeast(target, 'niedrig') ? (target as MeansLevel) : 'niedrig',
    family: first?.family ?? 'faktor',
    ...(essentialValues.length > 0 ? { essential: essentialValues } : {}),
    unknownOnly: named.length > 0 && parsed.length === 0,
  };
}

/**
 * The acr to return for a session at `reached`: never above it. With an essential request it is the
 * highest named value the session reaches (undefined when none: the request cannot be met);
 * otherwise the reached level in the service's spelling.
 */
export function answerAcr(reached: MeansLevel, request: AcrRequest): string | undefined {
  if (!request.essential) return acrFor(reached, request.family);
  let best: { value: string; rank: number } | undefined;
  for (const v of request.essential) {
    const p = parseAcr(v);
    if (!p || !atLeast(reached, p.level)) continue;
    const rank = levelRank(p.level);
    if (!best || rank > best.rank) best = { value: v, rank };
  }
  return best?.value;
}
