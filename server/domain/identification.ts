/**
 * Identification to an online service (§6, §2.7): each wanted attribute with its own level, released
 * only when both the session and the attribute reach the target level.
 */
import { effectiveAttributeLevel, findAttribute } from './account';
import { DomainError } from './errors';
import { atLeast, minLevel, type DataLevel, type MeansLevel } from '../../shared/levels';
import type { Account, Session } from './model';
import type { Policy } from './policy';
import { isLocked, sessionLevel } from './session';

/** What an online service asks for. */
export interface IdentifyRequest {
  /** Ziel-Vertrauensniveau of the service; 'basisregistrierung' accepts unverified data. */
  readonly targetLevel: DataLevel;
  readonly attributes: readonly string[];
}

/** One released attribute, with the level it is transmitted at (§6 "kenntlich gemacht"). */
export interface IdentifiedAttribute {
  readonly name: string;
  readonly value: string;
  /** min(attribute level, account max, session level) — never below the target. */
  readonly level: DataLevel;
  /** True when the value is unverified (self-entered), so the service can tell (§6, §2.3). */
  readonly basisregistrierung: boolean;
}

/** One wanted attribute that was not released, and why. */
export interface WithheldAttribute {
  readonly name: string;
  readonly reason: 'missing' | 'below-target' | 'needs-reconfirmation';
  readonly level: DataLevel | null;
}

/** The identification answer. */
export interface IdentificationResult {
  readonly accountId: string;
  readonly targetLevel: DataLevel;
  readonly sessionLevel: MeansLevel;
  readonly attributes: readonly IdentifiedAttribute[];
  readonly withheld: readonly WithheldAttribute[];
}

/**
 * §6/§2.7: refuses ('insufficient-level') when the session is below the target (any valid session is
 * enough for Basisregistrierung, §4.3 footnote 3); releases each attribute whose usable level reaches
 * the target; attributes waiting for re-confirmation after an eID takeover (§5.1) are withheld.
 * Read-only: call touchSession first.
 */
export function identify(
  account: Account,
  session: Session,
  request: IdentifyRequest,
  now: number,
  policy: Policy,
): IdentificationResult {
  if (isLocked(account)) throw new DomainError('account-locked');
  const sLevel = sessionLevel(session, account, now, policy);
  if (sLevel === null) throw new DomainError('not-authenticated');
  if (!atLeast(sLevel, request.targetLevel))
    throw new DomainError('insufficient-level', undefined, {
      needed: request.targetLevel,
      have: sLevel,
    });
  const attributes: IdentifiedAttribute[] = [];
  const withheld: WithheldAttribute[] = [];
  for (const name of new Set(request.attributes)) {
    const attr = findAttribute(account, name);
    if (!attr) {
      withheld.push({ name, reason: 'missing', level: null });
      continue;
    }
    const level = minLevel(effectiveAttributeLevel(account, attr), sLevel);
    if (attr.needsReconfirmation) withheld.push({ name, reason: 'needs-reconfirmation', level });
    else if (!atLeast(level, request.targetLevel))
      withheld.push({ name, reason: 'below-target', level });
    else
      attributes.push({
        name,
        value: attr.value,
        level,
        basisregistrierung: level === 'basisregistrierung',
      });
  }
  return {
    accountId: account.id,
    targetLevel: request.targetLevel,
    sessionLevel: sLevel,
    attributes,
    withheld,
  };
}
