import {
  contract,
  events,
  methodName,
  type Channel,
  type EventName,
  type FaktorApi,
} from '../../shared/ipc/contract';

/**
 * The pure half of the preload: builds `window.faktor` from the contract, given a transport. No
 * electron import, so unit tests (and anything else) can exercise exactly what the preload exposes.
 */

/** Sends one request to main and resolves with its Envelope (ipcRenderer.invoke in the app). */
export type Invoke = (channel: Channel, request: unknown) => Promise<unknown>;
/** Registers the single main → renderer event handler; returns its removal. */
export type Subscribe = (handler: (name: unknown, payload: unknown) => void) => () => void;

/**
 * One function per contract channel (named by methodName) plus `on`. Each function forwards only
 * its own fixed channel — there is no generic `invoke(channel)`/`send` passthrough — and `on`
 * accepts only contract event names and never hands the listener the IPC event object (which would
 * expose `sender`, i.e. ipcRenderer). The result is frozen.
 */
export function buildFaktorApi(invoke: Invoke, subscribe: Subscribe): FaktorApi {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  let unsubscribe: (() => void) | null = null;

  const deliver = (name: unknown, payload: unknown): void => {
    if (typeof name !== 'string' || !Object.hasOwn(events, name)) return;
    for (const listener of [...(listeners.get(name as EventName) ?? [])]) {
      try {
        (listener as (p: unknown) => void)(payload);
      } catch (e) {
        // A failing renderer listener must not stop the others.
        console.error('faktor: event listener failed', e);
      }
    }
  };

  const api: Record<string, unknown> = {};
  for (const channel of Object.keys(contract) as Channel[]) {
    api[methodName(channel)] = (request: unknown) => invoke(channel, request);
  }
  api.on = (event: unknown, listener: unknown): (() => void) => {
    if (typeof event !== 'string' || !Object.hasOwn(events, event))
      throw new TypeError('faktor.on: unknown event');
    if (typeof listener !== 'function')
      throw new TypeError('faktor.on: listener must be a function');
    const name = event as EventName;
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    // Wrap so the same function registered twice gets two independent subscriptions.
    const entry = (payload: never) => (listener as (p: unknown) => void)(payload);
    set.add(entry);
    unsubscribe ??= subscribe(deliver);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      set.delete(entry);
      if ([...listeners.values()].every((s) => s.size === 0) && unsubscribe) {
        unsubscribe();
        unsubscribe = null;
      }
    };
  };
  return Object.freeze(api) as FaktorApi;
}
