import { FaktorError } from '../../../shared/errors';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { ApprovalRequestView } from '../../../shared/ipc/servicekonto-schemas';
import type { ApprovalRequest } from '../../../shared/servicekonto/approval';
import type { Ports } from '../ports';
import { requireConsent } from '../security/destructive-consent';
import type { KdfCost } from '../services/crypto';
import type { QrScanService } from '../services/qr-scan';
import type { EventStream } from '../services/servicekonto/event-stream';
import { createServicekontoService } from '../services/servicekonto/servicekonto-service';
import type { Vault } from '../services/vault';

/** The Servicekonto channels of the contract (docs/servicekonto-app.md). */
export type ServicekontoChannel = Extract<Channel, `servicekonto-${string}`>;

/**
 * One function per Servicekonto channel, hooked into api/index.ts, plus the per-account event streams: they
 * open when the renderer lists the pairings (the vault is unlocked then) and close when the vault
 * locks, together with every request still waiting. A request reaches the renderer as an event and a
 * desktop notification; its challenge stays here, so an answer names only the transaction.
 */
export function createServicekontoHandlers(deps: {
  vault: Vault;
  scan: QrScanService;
  ports: Ports;
  kdf: KdfCost;
  onVaultLocked?: (listener: () => void) => void;
  /** The language of main's native block/remove questions (absent: English). */
  language?: () => 'de' | 'en';
}): { readonly [C in ServicekontoChannel]: (request: RequestOf<C>) => Promise<ResponseOf<C>> } {
  const { ports } = deps;
  const sk = createServicekontoService({ vault: deps.vault, kdf: deps.kdf, clock: ports.clock });
  const streams = new Map<string, EventStream>();
  const pending = new Map<string, { pairingId: string; request: ApprovalRequest }>();

  const view = (pairingId: string, r: ApprovalRequest): ApprovalRequestView => ({
    pairingId, origin: r.origin, accountName: r.accountName, tx: r.tx, purpose: r.purpose, service: r.service, level: r.level,
    browser: r.browser, ip: r.ip, created: r.created, exp: r.exp, numbers: [...r.numbers],
  });
  const sweep = (): void => {
    for (const [tx, p] of pending) if (p.request.exp * 1000 <= ports.clock.now()) pending.delete(tx);
  };
  const closeAll = (): void => {
    for (const s of streams.values()) s.close();
    streams.clear();
    pending.clear();
  };
  const sync = async (): Promise<void> => {
    const ids = new Set((await sk.list()).map((p) => p.id));
    for (const [id, s] of streams) {
      if (ids.has(id)) continue;
      s.close();
      streams.delete(id);
    }
    for (const id of ids) {
      if (streams.has(id)) continue;
      streams.set(id, await sk.listen(id, {
        onRequest: (request) => {
          // A reconnect replays what is still pending: one card and one notification per request.
          if (pending.has(request.tx)) return;
          pending.set(request.tx, { pairingId: id, request });
          ports.emit('servicekonto-request', view(id, request));
          // A click opens this request in the window (docs/desktop.md); the adapter brings the window up.
          const onClick = (): void => ports.emit('desktop-action', { kind: 'open-request', tx: request.tx });
          ports.notify?.({ title: request.service, body: `${request.accountName} · ${request.level}`, onClick });
        },
      }));
    }
  };
  deps.onVaultLocked?.(closeAll);

  return {
    'servicekonto-list': async () => {
      const list = await sk.list();
      await sync();
      return list;
    },
    'servicekonto-pair': async ({ token, pin, deviceName }) => {
      const payload = deps.scan.payloadOf(token, 'servicekonto-pairing');
      const paired = await sk.pair(payload, pin, deviceName ?? 'Faktor');
      deps.scan.release(token);
      await sync();
      return paired;
    },
    'servicekonto-offline-code': async ({ token, pin }) => {
      const prepared = await sk.prepareOffline(deps.scan.payloadOf(token, 'servicekonto-login'));
      return { code: await sk.offlineCode(prepared, pin) };
    },
    'servicekonto-requests': async () => {
      sweep();
      return [...pending.values()].map((p) => view(p.pairingId, p.request));
    },
    'servicekonto-answer': async ({ tx, decision, number, pin }) => {
      sweep();
      const p = pending.get(tx);
      if (!p) throw new FaktorError('not-found', 'request expired or answered');
      pending.delete(tx); // one answer per request, whatever the server says
      await sk.answer(p.pairingId, p.request, decision, number, pin);
      return {};
    },
    'servicekonto-forget': async ({ id }) => {
      await sk.forget(id);
      await sync();
      return {};
    },
    'servicekonto-account': async ({ id }) => ({ ...(await sk.means(id)), pairingId: id }),
    'servicekonto-sessions': async ({ id }) => ({ ...(await sk.sessions(id)), pairingId: id }),
    // Block and remove cannot be undone from here: main's native question is the consent a compromised renderer cannot give.
    'servicekonto-block': async ({ id, meansId }) => {
      await requireConsent(ports.dialogs, 'block-means', deps.language?.() ?? 'en');
      await sk.block(id, meansId);
      return {};
    },
    'servicekonto-remove': async ({ id }) => {
      await requireConsent(ports.dialogs, 'remove-device', deps.language?.() ?? 'en');
      await sk.removeDevice(id);
      await sync();
      return {};
    },
  };
}
