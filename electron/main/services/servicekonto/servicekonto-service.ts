import { FaktorError } from '../../../../shared/errors';
import type { ApprovalDecision, ApprovalRequest } from '../../../../shared/servicekonto/approval';
import { DeviceAccount } from '../../../../shared/servicekonto/device-account';
import { DeviceSessions } from '../../../../shared/servicekonto/device-sessions';
import type { Clock } from '../../ports';
import type { KdfCost } from '../crypto';
import type { Vault } from '../vault';
import { openEventStream, type EventStream, type StreamState } from './event-stream';
import { offlineCode, prepareOfflineLogin, type OfflineLogin } from './offline-login';
import { answerApproval, deviceOf, readApprovalRequest } from './online-approval';
import { toPairedView, type PairedRecord, type PairedView } from './paired-record';
import { pair } from './pairing';
import {
  blockMeansPath,
  DEVICE_REMOVE_PATH,
  EVENTS_PATH,
  MEANS_PATH,
  POLL_PATH,
  SESSIONS_PATH,
} from './routes';
import { callJson, type Fetch } from './server-http';

/**
 * Faktor as a Servicekonto device, as ONE service that the app's IPC api and the tester CLI both
 * call (docs/servicekonto-app.md): pairing, the offline login code, the device-authenticated means
 * view and actions, and the online-approval event stream. It owns no state beyond the vault.
 */

/** What the service is built from. */
export interface ServicekontoDeps {
  readonly vault: Vault;
  readonly kdf: KdfCost;
  readonly clock: Clock;
  readonly fetch?: Fetch;
}

/** Callbacks of a listening stream. */
export interface ListenHandlers {
  /** A request for this pairing that passed every check. */
  onRequest(request: ApprovalRequest): void;
  /** A request event that was refused (malformed, other pairing, expired): its error code. */
  onRejected?(code: string): void;
  onState?(state: StreamState): void;
}

/** Builds the service. */
export function createServicekontoService(d: ServicekontoDeps) {
  const now = (): number => d.clock.now();
  const find = async (id: string): Promise<PairedRecord> => {
    const r = (await d.vault.pairings()).find((p) => p.id === id);
    if (!r) throw new FaktorError('not-found');
    return r;
  };
  const deviceCall = async (
    id: string,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<unknown> => {
    const r = await find(id);
    return callJson(r.origin, method, path, body, { device: deviceOf(r), fetch: d.fetch, now });
  };

  return {
    /** Pairs with the account in a scanned `faktor-pair:` payload. */
    pair: (text: string, pin: string, deviceName: string) =>
      pair({ vault: d.vault, kdf: d.kdf, now, fetch: d.fetch }, text, pin, deviceName),

    ...pairingLookups(d.vault),

    /** Checks a scanned `faktor-login:` payload against the pairings ('not-paired' for a foreign one). */
    prepareOffline: async (text: string): Promise<OfflineLogin> =>
      prepareOfflineLogin(text, await d.vault.pairings(), now()),

    /** The OCRA response for a prepared login with the PIN. */
    offlineCode: (prepared: OfflineLogin, pin: string): Promise<string> =>
      offlineCode(prepared, pin),

    /**
     * The account's maximum level, means (this desktop marked) and attributes as the server shows them
     * to this device; a malformed answer, or one about another account or means, is 'protocol-malformed'.
     */
    means: async (id: string): Promise<DeviceAccount> => {
      const r = await find(id);
      const parsed = DeviceAccount.safeParse(await deviceCall(id, 'GET', MEANS_PATH));
      if (!parsed.success) throw new FaktorError('protocol-malformed', 'account view');
      const v = parsed.data;
      if (v.origin !== r.origin || v.account !== r.account || v.thisDevice.means !== r.meansId)
        throw new FaktorError('protocol-malformed', 'account view of another pairing');
      return v;
    },

    /**
     * The account's web sessions (level, Table 2 time left, browser/IP hint, most recent first) as the
     * server lists them to this device; an answer about another server or account is 'protocol-malformed'.
     */
    sessions: async (id: string): Promise<DeviceSessions> => {
      const r = await find(id);
      const parsed = DeviceSessions.safeParse(await deviceCall(id, 'GET', SESSIONS_PATH));
      if (!parsed.success) throw new FaktorError('protocol-malformed', 'session list');
      if (parsed.data.origin !== r.origin || parsed.data.account !== r.account)
        throw new FaktorError('protocol-malformed', 'session list of another pairing');
      return parsed.data;
    },

    /** Blocks (sperrt) one means of the paired account (§4.4: allowed from a lower level). */
    block: async (id: string, meansId: string): Promise<void> => {
      await deviceCall(id, 'POST', blockMeansPath(meansId));
    },

    /** Removes this desktop at the server, then forgets the pairing locally. */
    removeDevice: async (id: string): Promise<void> => {
      await deviceCall(id, 'POST', DEVICE_REMOVE_PATH);
      await d.vault.removePairing(id);
    },

    /** Forgets a pairing locally only (the means stays on the server for removal there). */
    forget: (id: string): Promise<void> => d.vault.removePairing(id),

    /** Opens the pairing's event stream; requests are checked before they reach `h.onRequest`. */
    listen: async (id: string, h: ListenHandlers): Promise<EventStream> => {
      const r = await find(id);
      return openEventStream({
        origin: r.origin,
        ssePath: EVENTS_PATH,
        pollPath: POLL_PATH,
        device: deviceOf(r),
        clock: d.clock,
        fetch: d.fetch,
        onState: h.onState,
        onEvent: (e) => {
          if (e.type !== 'approval') return;
          try {
            h.onRequest(readApprovalRequest(r, e.data, now()));
          } catch (err) {
            h.onRejected?.(err instanceof FaktorError ? err.code : 'internal');
          }
        },
      });
    },

    /** Answers a request: signs {transaction, challenge, number, decision} with the PIN-decrypted key. */
    answer: async (
      id: string,
      request: ApprovalRequest,
      decision: ApprovalDecision,
      number: number,
      pin: string,
    ): Promise<unknown> =>
      answerApproval(await find(id), request, decision, number, pin, { fetch: d.fetch, now }),
  };
}

/** Finding pairings by what the user or the CLI names (vault only, no server call). */
function pairingLookups(vault: Vault) {
  return {
    /** Every paired account (no secrets). */
    list: async (): Promise<PairedView[]> => (await vault.pairings()).map(toPairedView),

    /** One pairing by local id, account id or account name (and optionally origin); 'not-found' / 'invalid-request' if ambiguous. */
    resolve: async (ref: string, origin?: string): Promise<PairedView> => {
      const all = (await vault.pairings()).filter(
        (p) => origin === undefined || p.origin === origin,
      );
      const hits = all.filter((p) => p.id === ref || p.account === ref || p.accountName === ref);
      if (hits.length === 0) throw new FaktorError('not-found');
      if (hits.length > 1)
        throw new FaktorError('invalid-request', 'several pairings match; name the origin');
      return toPairedView(hits[0]!);
    },

    /** The one pairing (of `origin`, if given); 'not-found' with none, 'invalid-request' with several. */
    only: async (origin?: string): Promise<PairedView> => {
      const all = (await vault.pairings()).filter(
        (p) => origin === undefined || p.origin === origin,
      );
      if (all.length === 0) throw new FaktorError('not-found');
      if (all.length > 1)
        throw new FaktorError('invalid-request', 'several pairings; name the account');
      return toPairedView(all[0]!);
    },
  };
}

/** The service's type (what the api and the CLI hold). */
export type ServicekontoService = ReturnType<typeof createServicekontoService>;
