/**
 * Audit rows that may trail their HTTP answer by one event-loop turn: they are queued and written
 * together in ONE transaction (one fsync under synchronous=FULL) from a setImmediate. For high-rate
 * events that change no state — a sent online-approval request: with one fsync per request (~11 ms on
 * the build machine, blocking the loop) ten simultaneous logins delayed the tenth app's event by ten
 * fsyncs (bench:pairing). A crash in that one turn can lose such a row; nothing else depends on it.
 */
import type { AppContext } from './context';
import type { AuditEvent } from '../store/audit-repo';

/** Queues audit rows and writes them in one transaction per event-loop turn. */
export class DeferredAudit {
  private rows: { at: number; event: AuditEvent; accountId: string | null; ip: string | null; detail: Record<string, unknown> }[] = [];
  private scheduled = false;

  constructor(private readonly ctx: AppContext) {}

  /** Queues one row (stamped now); the first queued row of a turn schedules the write. */
  record(event: AuditEvent, accountId: string | null, ip: string | null, detail: Record<string, unknown> = {}): void {
    this.rows.push({ at: this.ctx.now(), event, accountId, ip, detail });
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  /** Writes every queued row now (also called before the server closes). */
  flush(): void {
    this.scheduled = false;
    const rows = this.rows.splice(0);
    if (rows.length === 0) return;
    this.ctx.tx(() => {
      for (const r of rows) this.ctx.audit.record(r.at, r.event, r.accountId, r.ip, r.detail);
    });
  }
}
