/**
 * Short-lived server state that is not part of any account: device-auth nonces (each once), taken
 * page-flash ids (each once) and open security-key registrations (options → finish). With SQLite
 * there is one server process, so it lives in memory (bounded) and costs no fsync; with PostgreSQL any
 * node may get the next request, so it lives in the `ephemeral` table (pg-migrations.ts).
 */
import type { SqlDb } from './sql-db';

/** What kind of thing a key names (one namespace each). */
export type EphemeralKind = 'device-nonce' | 'flash' | 'key-registration';

/** The operations the services need; every method drops what expired before `now`. */
export interface EphemeralStore {
  /** Records `key` until `until`; false when it is already recorded (a replay) or the store is full. */
  claim(kind: EphemeralKind, key: string, until: number, now: number): boolean;
  /** Stores `entry` under `key`; false when a live entry has the key or the store is full. */
  put(kind: EphemeralKind, key: string, entry: EphemeralEntry, now: number): boolean;
  /** Reads and deletes `key` (single use); undefined when absent or expired. */
  take(kind: EphemeralKind, key: string, now: number): unknown;
  /** Live entries of a kind, and of those, how many belong to `owner`. */
  count(kind: EphemeralKind, owner: string, now: number): { all: number; owner: number };
}

/** One stored entry: whose it is (for the per-owner count), its value, and until when it lives (ms). */
export interface EphemeralEntry {
  readonly owner: string;
  readonly value: unknown;
  readonly until: number;
}

/** Most entries per kind held in memory; beyond it claims and puts are refused until old ones expire. */
export const MAX_EPHEMERAL_PER_KIND = 200_000;

/** What both stores share: a claim is a put with no owner and no value. */
abstract class ClaimByPut implements EphemeralStore {
  claim(kind: EphemeralKind, key: string, until: number, now: number): boolean {
    return this.put(kind, key, { owner: '', value: null, until }, now);
  }

  abstract put(kind: EphemeralKind, key: string, entry: EphemeralEntry, now: number): boolean;
  abstract take(kind: EphemeralKind, key: string, now: number): unknown;
  abstract count(kind: EphemeralKind, owner: string, now: number): { all: number; owner: number };
}

/** The single-process store (SQLite deployments and unit tests). */
export class MemoryEphemeralStore extends ClaimByPut {
  private readonly kinds = new Map<EphemeralKind, Map<string, EphemeralEntry>>();
  private lastPrune = 0;

  constructor(private readonly max = MAX_EPHEMERAL_PER_KIND) {
    super();
  }

  put(
    kind: EphemeralKind,
    key: string,
    { owner, value, until }: EphemeralEntry,
    now: number,
  ): boolean {
    const map = this.live(kind, now);
    const old = map.get(key);
    if ((old && old.until >= now) || map.size >= this.max) return false;
    map.set(key, { owner, value, until });
    return true;
  }

  take(kind: EphemeralKind, key: string, now: number): unknown {
    const map = this.live(kind, now);
    const e = map.get(key);
    map.delete(key);
    return e && e.until >= now ? e.value : undefined;
  }

  count(kind: EphemeralKind, owner: string, now: number): { all: number; owner: number } {
    const map = this.live(kind, now);
    let mine = 0;
    for (const e of map.values()) if (e.owner === owner && e.until >= now) mine++;
    return { all: map.size, owner: mine };
  }

  /** The kind's map, with expired entries swept at most once a second (amortised). */
  private live(kind: EphemeralKind, now: number): Map<string, EphemeralEntry> {
    let map = this.kinds.get(kind);
    if (!map) this.kinds.set(kind, (map = new Map()));
    if (now - this.lastPrune >= 1000) {
      this.lastPrune = now;
      for (const m of this.kinds.values()) for (const [k, e] of m) if (e.until < now) m.delete(k);
    }
    return map;
  }
}

/** The shared store of several nodes (PostgreSQL SQL): one row per entry in `ephemeral`. */
export class PgEphemeralStore extends ClaimByPut {
  private readonly s;
  private lastPrune = 0;

  constructor(
    private readonly db: SqlDb,
    private readonly max = MAX_EPHEMERAL_PER_KIND,
  ) {
    super();
    this.s = {
      // One statement, so two nodes racing for the same key cannot both win: a new key is inserted
      // (while the kind has room), an expired row with the key is overwritten, a live one is kept.
      upsert: db.prepare(
        `INSERT INTO ephemeral (kind, key, owner, value, expires_at)
         SELECT ?, ?, ?, ?, ? WHERE (SELECT count(*) FROM ephemeral WHERE kind = ?) < ?
         ON CONFLICT (kind, key) DO UPDATE
           SET owner = excluded.owner, value = excluded.value, expires_at = excluded.expires_at
           WHERE ephemeral.expires_at < ?`,
      ),
      take: db.prepare<[string, string], { value: string; expires_at: number }>(
        'DELETE FROM ephemeral WHERE kind = ? AND key = ? RETURNING value, expires_at',
      ),
      count: db.prepare<[string, string, number], { all: number; mine: number }>(
        'SELECT count(*) AS "all", count(*) FILTER (WHERE owner = ?) AS mine FROM ephemeral WHERE kind = ? AND expires_at >= ?',
      ),
      prune: db.prepare('DELETE FROM ephemeral WHERE expires_at < ?'),
    };
  }

  put(
    kind: EphemeralKind,
    key: string,
    { owner, value, until }: EphemeralEntry,
    now: number,
  ): boolean {
    this.prune(now);
    const json = JSON.stringify(value);
    return this.s.upsert.run(kind, key, owner, json, until, kind, this.max, now).changes === 1;
  }

  take(kind: EphemeralKind, key: string, now: number): unknown {
    const row = this.s.take.get(kind, key);
    return row && row.expires_at >= now ? (JSON.parse(row.value) as unknown) : undefined;
  }

  count(kind: EphemeralKind, owner: string, now: number): { all: number; owner: number } {
    const row = this.s.count.get(owner, kind, now) as { all: number; mine: number };
    return { all: row.all, owner: row.mine };
  }

  private prune(now: number): void {
    if (now - this.lastPrune < 10_000) return;
    this.lastPrune = now;
    this.s.prune.run(now);
  }
}
