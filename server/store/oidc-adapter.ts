/**
 * The oidc-provider storage adapter on the server's SQLite file: every model (sessions,
 * interactions, codes, tokens, grants, replay markers) is one row of `oidc_store`, so no OIDC state
 * lives in a node's memory. Expiry is the provider's own (`expiresIn` seconds, wall clock); expired
 * rows read as absent and are swept lazily.
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Db } from './db';

interface StoreRow {
  payload: string;
  consumed_at: number | null;
  expires_at: number | null;
}

/** Builds the adapter class oidc-provider instantiates once per model name. */
export function sqliteAdapter(
  db: Db,
  now: () => number = Date.now,
): new (model: string) => Adapter {
  const s = {
    upsert: db.prepare(
      `INSERT INTO oidc_store (model, id, payload, grant_id, uid, user_code, account_id, consumed_at, expires_at)
       VALUES (@model, @id, @payload, @grantId, @uid, @userCode, @accountId, NULL, @expiresAt)
       ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id, uid = excluded.uid,
         user_code = excluded.user_code, account_id = excluded.account_id, expires_at = excluded.expires_at`,
    ),
    find: db.prepare(
      'SELECT payload, consumed_at, expires_at FROM oidc_store WHERE model = ? AND id = ?',
    ),
    byUid: db.prepare(
      'SELECT payload, consumed_at, expires_at FROM oidc_store WHERE model = ? AND uid = ?',
    ),
    byUserCode: db.prepare(
      'SELECT payload, consumed_at, expires_at FROM oidc_store WHERE model = ? AND user_code = ?',
    ),
    consume: db.prepare('UPDATE oidc_store SET consumed_at = ? WHERE model = ? AND id = ?'),
    destroy: db.prepare('DELETE FROM oidc_store WHERE model = ? AND id = ?'),
    revokeByGrant: db.prepare('DELETE FROM oidc_store WHERE grant_id = ?'),
    sweep: db.prepare('DELETE FROM oidc_store WHERE expires_at IS NOT NULL AND expires_at <= ?'),
  };
  const accountExists = db.prepare('SELECT 1 FROM accounts WHERE id = ?');
  let writes = 0;

  const read = (row: StoreRow | undefined): AdapterPayload | undefined => {
    if (!row || (row.expires_at !== null && row.expires_at <= now())) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    return row.consumed_at === null ? payload : { ...payload, consumed: row.consumed_at };
  };

  return class SqliteOidcAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const accountId =
        typeof payload.accountId === 'string' && accountExists.get(payload.accountId)
          ? payload.accountId
          : null;
      s.upsert.run({
        model: this.model,
        id,
        payload: JSON.stringify(payload),
        grantId: payload.grantId ?? null,
        uid: payload.uid ?? null,
        userCode: payload.userCode ?? null,
        accountId,
        expiresAt: expiresIn ? now() + expiresIn * 1000 : null,
      });
      // Lazy sweep every 64 writes: keeps the table small without a timer on every node.
      if (++writes % 64 === 0) s.sweep.run(now());
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return read(s.find.get(this.model, id) as StoreRow | undefined);
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return read(s.byUid.get(this.model, uid) as StoreRow | undefined);
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return read(s.byUserCode.get(this.model, userCode) as StoreRow | undefined);
    }

    async consume(id: string): Promise<void> {
      s.consume.run(Math.floor(now() / 1000), this.model, id);
    }

    async destroy(id: string): Promise<void> {
      s.destroy.run(this.model, id);
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      s.revokeByGrant.run(grantId);
    }
  };
}
