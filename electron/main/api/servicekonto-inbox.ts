import type { ApprovalRequestView } from '../../../shared/ipc/servicekonto-schemas';
import type { ApprovalRequest } from '../../../shared/servicekonto/approval';
import type { Ports } from '../ports';
import type { EventStream } from '../services/servicekonto/event-stream';
import type { ServicekontoService } from '../services/servicekonto/servicekonto-service';

/** A request waiting for the user's answer, with the pairing it came in on. */
export interface PendingRequest {
  readonly pairingId: string;
  readonly request: ApprovalRequest;
}

/** What the renderer sees of a request: everything but the challenge, which stays in main. */
export function requestView(pairingId: string, r: ApprovalRequest): ApprovalRequestView {
  return {
    pairingId,
    origin: r.origin,
    accountName: r.accountName,
    tx: r.tx,
    purpose: r.purpose,
    service: r.service,
    level: r.level,
    browser: r.browser,
    ip: r.ip,
    created: r.created,
    exp: r.exp,
    numbers: [...r.numbers],
  };
}

/**
 * The approval-request inbox: one event stream per pairing (kept in step with the pairing list by
 * `sync`) and the requests they delivered, each shown once as an event and a desktop notification.
 * `closeAll` drops the streams and every waiting request (on vault lock).
 */
export function createRequestInbox(
  sk: Pick<ServicekontoService, 'list' | 'listen'>,
  ports: Pick<Ports, 'clock' | 'emit' | 'notify'>,
) {
  const streams = new Map<string, EventStream>();
  const pending = new Map<string, PendingRequest>();

  const receive = (pairingId: string, request: ApprovalRequest): void => {
    // A reconnect replays what is still pending: one card and one notification per request.
    if (pending.has(request.tx)) return;
    pending.set(request.tx, { pairingId, request });
    ports.emit('servicekonto-request', requestView(pairingId, request));
    // A click opens this request in the window (docs/desktop.md); the adapter brings the window up.
    const onClick = (): void =>
      ports.emit('desktop-action', { kind: 'open-request', tx: request.tx });
    ports.notify?.({
      title: request.service,
      body: `${request.accountName} · ${request.level}`,
      onClick,
    });
  };
  const sweep = (): void => {
    for (const [tx, p] of pending)
      if (p.request.exp * 1000 <= ports.clock.now()) pending.delete(tx);
  };

  return {
    /** Opens a stream for every pairing that has none and closes those of pairings that are gone. */
    async sync(): Promise<void> {
      const ids = new Set((await sk.list()).map((p) => p.id));
      for (const [id, s] of streams) {
        if (ids.has(id)) continue;
        s.close();
        streams.delete(id);
      }
      for (const id of ids) {
        if (streams.has(id)) continue;
        streams.set(id, await sk.listen(id, { onRequest: (request) => receive(id, request) }));
      }
    },
    /** The requests still waiting and not expired, as the renderer sees them. */
    list(): ApprovalRequestView[] {
      sweep();
      return [...pending.values()].map((p) => requestView(p.pairingId, p.request));
    },
    /** Takes a waiting request out of the inbox (one answer per request); undefined when expired or answered. */
    take(tx: string): PendingRequest | undefined {
      sweep();
      const p = pending.get(tx);
      pending.delete(tx);
      return p;
    },
    /** Closes every stream and forgets every waiting request. */
    closeAll(): void {
      for (const s of streams.values()) s.close();
      streams.clear();
      pending.clear();
    },
  };
}
