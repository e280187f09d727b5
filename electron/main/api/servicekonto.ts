import { FaktorError } from '../../../shared/errors';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { Ports } from '../ports';
import { requireConsent } from '../security/destructive-consent';
import type { KdfCost } from '../services/crypto';
import type { QrScanService } from '../services/qr-scan';
import { createServicekontoService } from '../services/servicekonto/servicekonto-service';
import type { Vault } from '../services/vault';
import { createRequestInbox } from './servicekonto-inbox';

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
  const inbox = createRequestInbox(sk, ports);
  const sync = inbox.sync;
  deps.onVaultLocked?.(inbox.closeAll);

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
    'servicekonto-requests': async () => inbox.list(),
    'servicekonto-answer': async ({ tx, decision, number, pin }) => {
      // One answer per request, whatever the server says: take() removes it before the answer goes out.
      const p = inbox.take(tx);
      if (!p) throw new FaktorError('not-found', 'request expired or answered');
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
