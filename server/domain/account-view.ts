/** The account read model the overview page and GET /api/account show (§2.3, §2.5, §4.2, §5, §7). */
import {
  accountMaxLevel,
  deletionNotice,
  effectiveAttributeLevel,
  type DeletionNotice,
} from './account';
import type { DataLevel, MeansLevel } from '../../shared/levels';
import type { Account, Attribute, Means } from './model';
import type { MeansKind, Policy } from './policy';

/** One means as the overview shows it (§4.2: every means with its level). */
export interface MeansView {
  readonly id: string;
  readonly kind: MeansKind;
  readonly level: MeansLevel;
  readonly status: Means['status'];
  readonly lastUsedAt: number | null;
  readonly createdAt: number;
  readonly label: string | null;
}

/** One attribute as the overview shows it, with its usable level (§2.3, §5). */
export interface AttributeView {
  readonly name: string;
  readonly value: string;
  readonly level: DataLevel;
  /** Stored level before the §5 cap (differs only while a means is blocked). */
  readonly storedLevel: DataLevel;
  readonly source: Attribute['source'];
  readonly verifiedAt: number | null;
  readonly needsReconfirmation: boolean;
}

/** The account overview (max level, attributes with levels, means with level/status/last use). */
export interface AccountView {
  readonly id: string;
  readonly username: string;
  readonly maxLevel: MeansLevel | null;
  readonly attributes: readonly AttributeView[];
  readonly means: readonly MeansView[];
  readonly deletion: DeletionNotice;
  readonly deletionPending: Account['deletion'];
}

/** Read model for the overview page and GET /api/account; removed means are left out. */
export function accountView(account: Account, policy: Policy): AccountView {
  return {
    id: account.id,
    username: account.username,
    maxLevel: accountMaxLevel(account),
    attributes: account.attributes.map((a) => ({
      name: a.name,
      value: a.value,
      level: effectiveAttributeLevel(account, a),
      storedLevel: a.level,
      source: a.source,
      verifiedAt: a.verifiedAt,
      needsReconfirmation: a.needsReconfirmation,
    })),
    means: account.means
      .filter((m) => m.status !== 'removed')
      .map((m) => ({
        id: m.id,
        kind: m.kind,
        level: m.level,
        status: m.status,
        lastUsedAt: m.lastUsedAt,
        createdAt: m.createdAt,
        label: m.label,
      })),
    deletion: deletionNotice(account, policy),
    deletionPending: account.deletion,
  };
}
