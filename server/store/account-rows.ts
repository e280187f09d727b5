/**
 * The rows of the accounts, attributes and means tables and their mapping to and from the domain's
 * Account aggregate (account-repo.ts runs the queries).
 */
import type { Account, Attribute, Means } from '../domain/model';

/** One row of the accounts table. */
export interface AccountRow {
  id: string;
  username: string;
  password_hash: string;
  block_password_hash: string | null;
  created_at: number;
  eid_pseudonym: string | null;
  eid_pseudonym_provenance: Account['eidPseudonymProvenance'];
  version: number;
  deletion_requested_at: number | null;
  deletion_erase_at: number | null;
}

/** One row of the attributes table. */
export interface AttributeRow {
  name: string;
  value: string;
  level: Attribute['level'];
  source: Attribute['source'];
  verified_at: number | null;
  needs_reconfirmation: number;
  provenance: Attribute['provenance'];
}

/** One row of the means table. */
export interface MeansRow {
  id: string;
  kind: Means['kind'];
  level: Means['level'];
  status: Means['status'];
  failed_attempts: number;
  last_used_at: number | null;
  created_at: number;
  pending_session_id: string | null;
  blocked_at: number | null;
  blocked_reason: Means['blockedReason'];
  removed_at: number | null;
  label: string | null;
}

/** An attribute as the domain holds it. */
export function attributeFromRow(a: AttributeRow): Attribute {
  return {
    name: a.name,
    value: a.value,
    level: a.level,
    source: a.source,
    verifiedAt: a.verified_at,
    needsReconfirmation: a.needs_reconfirmation === 1,
    provenance: a.provenance,
  };
}

/** A means as the domain holds it. */
export function meansFromRow(m: MeansRow): Means {
  return {
    id: m.id,
    kind: m.kind,
    level: m.level,
    status: m.status,
    failedAttempts: m.failed_attempts,
    lastUsedAt: m.last_used_at,
    createdAt: m.created_at,
    pendingSessionId: m.pending_session_id,
    blockedAt: m.blocked_at,
    blockedReason: m.blocked_reason,
    removedAt: m.removed_at,
    label: m.label,
  };
}

/** The Account aggregate from its row and its already mapped children (the hashes stay in the store). */
export function accountFromRows(row: AccountRow, attributes: Attribute[], means: Means[]): Account {
  return {
    id: row.id,
    username: row.username,
    createdAt: row.created_at,
    attributes,
    means,
    blockPasswordSet: row.block_password_hash !== null,
    eidPseudonym: row.eid_pseudonym,
    eidPseudonymProvenance: row.eid_pseudonym_provenance,
    version: row.version,
    deletion:
      row.deletion_requested_at !== null && row.deletion_erase_at !== null
        ? { requestedAt: row.deletion_requested_at, eraseAt: row.deletion_erase_at }
        : null,
  };
}

/** The named parameters of the means upsert for the means at `position` in the account's list. */
export function meansRowParams(
  accountId: string,
  m: Means,
  position: number,
): MeansRow & { account_id: string; position: number } {
  return {
    id: m.id,
    account_id: accountId,
    kind: m.kind,
    level: m.level,
    status: m.status,
    failed_attempts: m.failedAttempts,
    last_used_at: m.lastUsedAt,
    created_at: m.createdAt,
    pending_session_id: m.pendingSessionId,
    blocked_at: m.blockedAt,
    blocked_reason: m.blockedReason,
    removed_at: m.removedAt,
    label: m.label,
    position,
  };
}
