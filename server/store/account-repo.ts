/**
 * Persists the domain's Account aggregate (account row, attributes, means) and the secrets that stay
 * outside the domain (password hash, block-password hash, means credentials). `save` writes the
 * whole aggregate in one transaction, so a rule's outcome is stored completely or not at all. The row
 * shapes and their mapping are in account-rows.ts.
 */
import type { Db } from './db';
import type { Account } from '../domain/model';
import {
  accountFromRows,
  attributeFromRow,
  meansFromRow,
  meansRowParams,
  type AccountRow,
  type AttributeRow,
  type MeansRow,
} from './account-rows';
import type { CredentialCipher } from './credential-cipher';

/** Kind-specific credential of a means plus the TOTP replay marker. */
export interface MeansCredential<T = unknown> {
  data: T;
  lastStep: number | null;
}

/**
 * A save of an account copy read before another write committed (optimistic concurrency): the caller
 * re-reads and re-applies its rule (AppContext.updateAccount) or answers 409.
 */
export class ConcurrentUpdateError extends Error {
  override readonly name = 'ConcurrentUpdateError';
  constructor(readonly accountId: string) {
    super(`account ${accountId} changed since it was read`);
  }
}

/** Account persistence. All methods are synchronous (better-sqlite3); callers run them between awaits. */
export class AccountRepo {
  private readonly s;

  /** `cipher` seals credentials at rest (credential-cipher.ts); without it they are stored as plain JSON (store unit tests only). */
  constructor(
    private readonly db: Db,
    private readonly cipher?: CredentialCipher,
  ) {
    this.s = {
      insertAccount: db.prepare(
        `INSERT INTO accounts (id, username, password_hash, block_password_hash, created_at, eid_pseudonym, eid_pseudonym_provenance, deletion_requested_at, deletion_erase_at, version)
         VALUES (@id, @username, @password_hash, @block_password_hash, @created_at, @eid_pseudonym, @eid_pseudonym_provenance, @deletion_requested_at, @deletion_erase_at, 0)`,
      ),
      updateAccount: db.prepare(
        'UPDATE accounts SET eid_pseudonym = ?, eid_pseudonym_provenance = ?, deletion_requested_at = ?, deletion_erase_at = ?, version = version + 1 WHERE id = ? AND version = ?',
      ),
      byId: db.prepare('SELECT * FROM accounts WHERE id = ?'),
      // SQLite's column is COLLATE NOCASE; PostgreSQL's unique index is on lower(username) (pg-migrations.ts).
      byUsername: db.prepare(
        db.dialect === 'postgres'
          ? 'SELECT * FROM accounts WHERE lower(username) = lower(?)'
          : 'SELECT * FROM accounts WHERE username = ?',
      ),
      byPseudonym: db.prepare('SELECT * FROM accounts WHERE eid_pseudonym = ?'),
      attrs: db.prepare('SELECT * FROM attributes WHERE account_id = ? ORDER BY position'),
      means: db.prepare('SELECT * FROM means WHERE account_id = ? ORDER BY position'),
      delAttrs: db.prepare('DELETE FROM attributes WHERE account_id = ?'),
      insAttr: db.prepare(
        `INSERT INTO attributes (account_id, name, value, level, source, verified_at, needs_reconfirmation, position, provenance)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      upsertMeans: db.prepare(
        `INSERT INTO means (id, account_id, kind, level, status, failed_attempts, last_used_at, created_at, pending_session_id, blocked_at, blocked_reason, removed_at, label, position)
         VALUES (@id, @account_id, @kind, @level, @status, @failed_attempts, @last_used_at, @created_at, @pending_session_id, @blocked_at, @blocked_reason, @removed_at, @label, @position)
         ON CONFLICT(id) DO UPDATE SET level = excluded.level, status = excluded.status, failed_attempts = excluded.failed_attempts,
           last_used_at = excluded.last_used_at, pending_session_id = excluded.pending_session_id, blocked_at = excluded.blocked_at,
           blocked_reason = excluded.blocked_reason, removed_at = excluded.removed_at, label = excluded.label, position = excluded.position
         WHERE means.account_id = excluded.account_id`,
      ),
      meansIds: db.prepare('SELECT id FROM means WHERE account_id = ?'),
      delMeans: db.prepare('DELETE FROM means WHERE id = ?'),
      getCred: db.prepare('SELECT data, last_step FROM means_credentials WHERE means_id = ?'),
      putCred: db.prepare(
        `INSERT INTO means_credentials (means_id, data, last_step) VALUES (?, ?, ?)
         ON CONFLICT(means_id) DO UPDATE SET data = excluded.data, last_step = excluded.last_step`,
      ),
      delAccount: db.prepare('DELETE FROM accounts WHERE id = ?'),
      hashes: db.prepare('SELECT password_hash, block_password_hash FROM accounts WHERE id = ?'),
      setPassword: db.prepare('UPDATE accounts SET password_hash = ? WHERE id = ?'),
      count: db.prepare('SELECT count(*) AS n FROM accounts'),
      dueDeletions: db.prepare(
        'SELECT id FROM accounts WHERE deletion_erase_at IS NOT NULL AND deletion_erase_at <= ?',
      ),
    };
  }

  /** Stores a new account with its hashes; throws 'duplicate' (via SQLite UNIQUE) for a taken username. */
  insert(account: Account, passwordHash: string, blockPasswordHash: string | null): void {
    this.db.transaction(() => {
      this.s.insertAccount.run({
        id: account.id,
        username: account.username,
        password_hash: passwordHash,
        block_password_hash: blockPasswordHash,
        created_at: account.createdAt,
        eid_pseudonym: account.eidPseudonym,
        eid_pseudonym_provenance: account.eidPseudonymProvenance,
        deletion_requested_at: account.deletion?.requestedAt ?? null,
        deletion_erase_at: account.deletion?.eraseAt ?? null,
      });
      this.writeChildren(account);
    })();
  }

  /**
   * Writes the changed aggregate (attributes and means replaced, hashes untouched) if it is still at
   * the version it was read at; otherwise nothing is written and ConcurrentUpdateError is thrown (a
   * whole-aggregate save of a stale copy would silently undo the other write, e.g. a §4.4 block).
   * Returns the account at its new version (use it for a second save in the same transaction).
   */
  save(account: Account): Account {
    if (account.version === undefined) throw new Error('save needs an account read from the store');
    const version = account.version;
    this.db.transaction(() => {
      const r = this.s.updateAccount.run(
        account.eidPseudonym,
        account.eidPseudonymProvenance,
        account.deletion?.requestedAt ?? null,
        account.deletion?.eraseAt ?? null,
        account.id,
        version,
      );
      if (r.changes !== 1) throw new ConcurrentUpdateError(account.id);
      this.writeChildren(account);
    })();
    return { ...account, version: version + 1 };
  }

  private writeChildren(account: Account): void {
    this.s.delAttrs.run(account.id);
    account.attributes.forEach((a, i) => {
      this.s.insAttr.run(
        account.id,
        a.name,
        a.value,
        a.level,
        a.source,
        a.verifiedAt,
        a.needsReconfirmation ? 1 : 0,
        i,
        a.provenance,
      );
    });
    const keep = new Set(account.means.map((m) => m.id));
    for (const { id } of this.s.meansIds.all(account.id) as { id: string }[]) {
      if (!keep.has(id)) this.s.delMeans.run(id);
    }
    account.means.forEach((m, i) => {
      this.s.upsertMeans.run(meansRowParams(account.id, m, i));
    });
  }

  /** The account by id, or undefined. */
  byId(id: string): Account | undefined {
    return this.hydrate(this.s.byId.get(id) as AccountRow | undefined);
  }

  /** The account by username (case-insensitive), or undefined. */
  byUsername(username: string): Account | undefined {
    return this.hydrate(this.s.byUsername.get(username) as AccountRow | undefined);
  }

  /** The account whose eID pseudonym this is (§4: resolved only after the eID authentication). */
  byPseudonym(pseudonym: string): Account | undefined {
    return this.hydrate(this.s.byPseudonym.get(pseudonym) as AccountRow | undefined);
  }

  /** The stored Argon2id PHC strings. */
  hashes(
    accountId: string,
  ): { passwordHash: string; blockPasswordHash: string | null } | undefined {
    const r = this.s.hashes.get(accountId) as
      { password_hash: string; block_password_hash: string | null } | undefined;
    return r && { passwordHash: r.password_hash, blockPasswordHash: r.block_password_hash };
  }

  /** Credential of a means (TOTP seed, WebAuthn public key, phone number). */
  credential<T>(meansId: string): MeansCredential<T> | undefined {
    const r = this.s.getCred.get(meansId) as { data: string; last_step: number | null } | undefined;
    return (
      r && {
        data: JSON.parse(this.cipher ? this.cipher.open(r.data, meansId) : r.data) as T,
        lastStep: r.last_step,
      }
    );
  }

  /** Stores (or replaces) the credential of a means. The means row must exist. */
  putCredential(meansId: string, cred: MeansCredential): void {
    const json = JSON.stringify(cred.data);
    this.s.putCred.run(
      meansId,
      this.cipher ? this.cipher.seal(json, meansId) : json,
      cred.lastStep,
    );
  }

  /** Start-up: re-seals every credential that is plain or sealed with an older key (key rotation); returns how many. */
  resealCredentials(): number {
    const cipher = this.cipher;
    if (!cipher) return 0;
    return this.db.transaction(() => {
      const rows = this.db.prepare('SELECT means_id, data FROM means_credentials').all() as {
        means_id: string;
        data: string;
      }[];
      const update = this.db.prepare('UPDATE means_credentials SET data = ? WHERE means_id = ?');
      let n = 0;
      for (const r of rows) {
        if (cipher.isCurrent(r.data)) continue;
        update.run(cipher.seal(cipher.open(r.data, r.means_id), r.means_id), r.means_id);
        n++;
      }
      return n;
    })();
  }

  /** §7: removes the account and, by cascade, attributes, means, credentials, sessions and verifications. */
  erase(accountId: string): void {
    this.s.delAccount.run(accountId);
  }

  /** Accounts whose delayed deletion is due at `now`. */
  dueDeletions(now: number): string[] {
    return (this.s.dueDeletions.all(now) as { id: string }[]).map((r) => r.id);
  }

  /** Number of accounts (crash test, benchmark). */
  count(): number {
    return (this.s.count.get() as { n: number }).n;
  }

  /** Runs `fn` in one SQLite transaction (an outcome touching account and session commits together). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  private hydrate(row: AccountRow | undefined): Account | undefined {
    if (!row) return undefined;
    const attributes = (this.s.attrs.all(row.id) as AttributeRow[]).map(attributeFromRow);
    const means = (this.s.means.all(row.id) as MeansRow[]).map(meansFromRow);
    return accountFromRows(row, attributes, means);
  }
}
