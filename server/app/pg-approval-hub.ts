/**
 * Online approvals shared by several server nodes on PostgreSQL: requests live in `approvals` (one row,
 * its devices in `approval_targets`), every state change is one conditional UPDATE (so two nodes
 * cannot both take the answer or both issue the session), and events reach the node that holds a
 * device's stream through NOTIFY on `faktor_<schema>_events` (sent at commit, so a refused request never
 * reaches an app).
 */
import type { PgDb } from '../store/pg-db';
import {
  LocalStreams,
  type Approval,
  type ApprovalHub,
  type HubLimits,
  type OpenLimits,
  type StreamSend,
} from './approval-hub';

interface ApprovalRow {
  state: 'pending' | 'approved' | 'denied';
  settling: number;
  consumed: number;
  approved_by: string | null;
  request: string;
}

/** The event as it travels between nodes. */
interface WireEvent {
  m: string;
  e: string;
  d: string;
  i?: string;
}

/** Mutable columns; the rest of an Approval is the `request` JSON. */
type Fixed = Omit<Approval, 'state' | 'settling' | 'consumed' | 'approvedBy'>;

const PRUNE_EVERY_MS = 10_000;

/** The PostgreSQL hub. */
export class PgApprovalHub implements ApprovalHub {
  private readonly streams = new LocalStreams();
  private readonly listening: Promise<{ close: () => Promise<void> }>;
  private readonly s;
  private lastPrune = 0;

  constructor(
    private readonly db: PgDb,
    private readonly limits: HubLimits,
  ) {
    const columns = 'tx, state, settling, consumed, approved_by, request';
    this.s = {
      seq: db.prepare<[], { n: number }>("SELECT nextval('approval_seq') AS n"),
      held: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM approvals'),
      fromAddress: db.prepare<[string], { n: number }>(
        'SELECT count(*) AS n FROM approvals WHERE address = ?',
      ),
      unanswered: db.prepare<[string, number], { n: number }>(
        "SELECT count(*) AS n FROM approvals WHERE account_id = ? AND created_at >= ? AND state = 'pending'",
      ),
      insert: db.prepare(
        'INSERT INTO approvals (tx, seq, account_id, address, created_at, expires_at, state, request) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      target: db.prepare('INSERT INTO approval_targets (means_id, tx) VALUES (?, ?)'),
      get: db.prepare<[string], ApprovalRow>(`SELECT ${columns} FROM approvals WHERE tx = ?`),
      pendingFor: db.prepare<[string, number], ApprovalRow>(
        `SELECT ${columns
          .split(', ')
          .map((c) => `a.${c}`)
          .join(', ')} FROM approval_targets t JOIN approvals a ON a.tx = t.tx
         WHERE t.means_id = ? AND a.state = 'pending' AND a.expires_at > ? ORDER BY a.seq`,
      ),
      claim: db.prepare(
        "UPDATE approvals SET settling = 1 WHERE tx = ? AND state = 'pending' AND settling = 0",
      ),
      settle: db.prepare('UPDATE approvals SET state = ?, approved_by = ? WHERE tx = ?'),
      consume: db.prepare(
        "UPDATE approvals SET consumed = 1 WHERE tx = ? AND state = 'approved' AND consumed = 0",
      ),
      prune: db.prepare('DELETE FROM approvals WHERE expires_at < ?'),
      forget: db.prepare('DELETE FROM approvals WHERE account_id = ?'),
    };
    // Events missed while the listening connection is re-established are not replayed: the app reads
    // the pending requests again whenever its stream reconnects or its long-poll returns.
    this.listening = db.listen('events', (payload) => this.deliver(payload));
    // A failed LISTEN is reported by ready(); keep it from being an unhandled rejection meanwhile.
    this.listening.catch(() => undefined);
  }

  nextSeq(): number {
    return (this.s.seq.get() as { n: number }).n;
  }

  open(a: Approval, data: (meansId: string) => string, limits: OpenLimits): boolean {
    // The global cap bounds the table (a resource limit, not a security one): read outside the
    // transaction, so concurrent requests of different accounts do not conflict on a table-wide count.
    if ((this.s.held.get() as { n: number }).n >= this.limits.held) return false;
    const fixed: Fixed & Partial<Approval> = { ...a };
    delete fixed.state;
    delete fixed.settling;
    delete fixed.consumed;
    delete fixed.approvedBy;
    return this.db.transaction(() => {
      if ((this.s.fromAddress.get(a.address) as { n: number }).n >= this.limits.perAddress)
        return false;
      if (
        (this.s.unanswered.get(a.accountId, limits.since) as { n: number }).n >=
        limits.maxUnanswered
      )
        return false;
      this.s.insert.run(
        a.tx,
        a.seq,
        a.accountId,
        a.address,
        a.createdAt,
        a.expiresAt,
        a.state,
        JSON.stringify(fixed),
      );
      for (const m of a.meansIds) this.s.target.run(m, a.tx);
      for (const m of a.meansIds) this.publish(m, 'approval', data(m), String(a.seq));
      return true;
    })();
  }

  get(tx: string): Approval | undefined {
    const row = this.s.get.get(tx);
    return row && fromRow(row);
  }

  pendingFor(meansId: string, now: number): Approval[] {
    return this.s.pendingFor.all(meansId, now).map(fromRow);
  }

  claimAnswer(tx: string): boolean {
    return this.s.claim.run(tx).changes === 1;
  }

  settle(tx: string, state: 'approved' | 'denied', approvedBy: string | undefined): void {
    this.s.settle.run(state, approvedBy ?? null, tx);
  }

  consume(tx: string): boolean {
    return this.s.consume.run(tx).changes === 1;
  }

  subscribe(meansId: string, send: StreamSend): () => void {
    return this.streams.subscribe(meansId, send);
  }

  publish(meansId: string, event: string, data: string, id?: string): void {
    const wire: WireEvent = {
      m: meansId,
      e: event,
      d: data,
      ...(id !== undefined ? { i: id } : {}),
    };
    this.db.notify('events', JSON.stringify(wire));
  }

  streamCount(): number {
    return this.streams.count();
  }

  prune(now: number, graceMs: number): void {
    if (now - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = now;
    this.s.prune.run(now - graceMs);
  }

  forgetAccount(accountId: string): void {
    this.s.forget.run(accountId);
  }

  async ready(): Promise<void> {
    await this.listening;
  }

  async close(): Promise<void> {
    await (await this.listening.catch(() => undefined))?.close();
  }

  /** A notification from any node (this one included): to this node's streams of that device. */
  private deliver(payload: string): void {
    let w: WireEvent;
    try {
      w = JSON.parse(payload) as WireEvent;
    } catch {
      return;
    }
    if (typeof w.m !== 'string' || typeof w.e !== 'string' || typeof w.d !== 'string') return;
    this.streams.publish(w.m, w.e, w.d, typeof w.i === 'string' ? w.i : undefined);
  }
}

function fromRow(row: ApprovalRow): Approval {
  const fixed = JSON.parse(row.request) as Fixed;
  return {
    ...fixed,
    state: row.state,
    settling: row.settling === 1,
    consumed: row.consumed === 1,
    ...(row.approved_by !== null ? { approvedBy: row.approved_by } : {}),
  };
}
