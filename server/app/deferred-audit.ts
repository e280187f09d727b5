/**
 * Audit rows that may trail their HTTP answer by up to FLUSH_MS: they are queued and written together
 * in ONE transaction (one fsync under synchronous=FULL). For high-rate events that change no state — a
 * sent online-approval request: with one fsync per request (~11 ms on the build machine, blocking the
 * loop) ten simultaneous logins delayed the tenth app's event by ten fsyncs (bench:pairing). A flush
 * per event-loop turn still cost one blocking fsync per login when logins arrive a few ms apart (the
 * CPU profile of bench:pairing: ~9 ms each, 4 s of 50 s); a 100 ms window writes a burst in one. A
 * crash inside that window can lose such rows; nothing else depends on them.
 */
import type { AppContext } from './context';
import type { AuditEvent } from '../store/audit-repo';

/** Longest a queued row waits. */
const FLUSH_MS = 100;

/** Queues audit rows and writes them in one transaction per FLUSH_MS window. */
export class DeferredAudit {
  private rows: {
    at: number;
    event: AuditEvent;
    accountId: string | null;
    ip: string | null;
    detail: Record<string, unknown>;
  }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly ctx: Pick<AppContext, 'now' | 'tx' | 'audit'>) {}

  /** Queues one row (stamped now); the first queued row of a window schedules the write. */
  record(
    event: AuditEvent,
    accountId: string | null,
    ip: string | null,
    detail: Record<string, unknown> = {},
  ): void {
    this.rows.push({ at: this.ctx.now(), event, accountId, ip, detail });
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Writes every queued row now (also called before the server closes). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const rows = this.rows.splice(0);
    if (rows.length === 0) return;
    this.ctx.tx(() => {
      for (const r of rows) this.ctx.audit.record(r.at, r.event, r.accountId, r.ip, r.detail);
    });
  }
}
