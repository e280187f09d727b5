import type { z } from 'zod';
import {
  contract,
  events,
  type Channel,
  type Envelope,
  type EventName,
  type EventOf,
} from '../../shared/ipc/contract';
import { isFaktorError, type ErrorCode } from '../../shared/errors';
import type { IpcSender } from './security/sender-policy';

/**
 * The one validating IPC wrapper (checklist item 17, ARCHITECTURE "ipc.ts"). Transport-free: Electron's
 * ipcMain (platform/ipc-main.ts) and the Playwright harness (page.exposeBinding) both feed calls
 * through the same dispatcher, so the checks the tests exercise are the checks the app runs.
 */

export type { IpcSender } from './security/sender-policy';

/** What api/index.ts provides: one async function per channel, taking the validated request. */
export type ChannelHandlers = {
  readonly [C in Channel]: (
    request: z.output<(typeof contract)[C]['request']>,
  ) => Promise<z.input<(typeof contract)[C]['response']>>;
};

/** Receives log lines; never given payloads, messages or stacks (they may hold secrets). */
export type IpcLog = (line: string) => void;

/** Inputs of createDispatcher. */
export type DispatcherOptions = Readonly<{
  api: ChannelHandlers;
  /** Decides whether a frame may call at all (see security/sender-policy.ts). */
  isTrustedSender: (sender: IpcSender) => boolean;
  log?: IpcLog;
}>;

/** Validates and routes one call; always resolves, never rejects. */
export type Dispatch = (
  sender: IpcSender,
  channel: string,
  payload: unknown,
) => Promise<Envelope<unknown>>;

function fail(
  code: ErrorCode,
  params?: Readonly<Record<string, string | number>>,
): Envelope<never> {
  return params && Object.keys(params).length > 0
    ? { ok: false, error: { code, params: { ...params } } }
    : { ok: false, error: { code } };
}

/** Zod issue locations without the offending values, safe for a log line. */
function issuePaths(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(root)'}:${i.code}`)
    .join(', ');
}

/** Whether `channel` is one of the contract's own keys (not `__proto__`, `toString`, …). */
export function isChannel(channel: unknown): channel is Channel {
  return typeof channel === 'string' && Object.hasOwn(contract, channel);
}

/**
 * Builds the dispatcher: sender check → known channel → request schema → api call → response schema.
 * A typed FaktorError becomes `{ok:false,error:{code,params}}`; anything else (including a response
 * that fails its schema, i.e. a field that must not cross IPC) becomes `internal` with nothing about
 * it sent to the renderer and only the channel and error class logged.
 */
export function createDispatcher({
  api,
  isTrustedSender,
  log = (l) => console.error(l),
}: DispatcherOptions): Dispatch {
  return async (sender, channel, payload) => {
    let trusted: boolean;
    try {
      trusted = isTrustedSender(sender) === true;
    } catch {
      trusted = false;
    }
    if (!trusted) {
      log(
        `ipc: refused call from untrusted sender (channel ${isChannel(channel) ? channel : '?'})`,
      );
      return fail('forbidden-sender');
    }
    if (!isChannel(channel)) {
      log('ipc: refused call to unknown channel');
      return fail('invalid-request');
    }
    const spec = contract[channel];
    const request = spec.request.safeParse(payload);
    if (!request.success) {
      log(`ipc: invalid request for ${channel} (${issuePaths(request.error)})`);
      return fail('invalid-request');
    }

    const handler = Object.hasOwn(api, channel)
      ? (api[channel] as (r: unknown) => Promise<unknown>)
      : undefined;
    if (typeof handler !== 'function') {
      log(`ipc: no handler for ${channel}`);
      return fail('internal');
    }
    try {
      const result = await handler.call(api, request.data);
      const response = spec.response.safeParse(result);
      if (!response.success) {
        log(`ipc: response of ${channel} failed its schema (${issuePaths(response.error)})`);
        return fail('internal');
      }
      return { ok: true, value: response.data };
    } catch (e) {
      if (isFaktorError(e)) return fail(e.code, e.params);
      const kind = e instanceof Error ? e.constructor.name : typeof e;
      log(`ipc: ${channel} failed with ${kind}`);
      return fail('internal');
    }
  };
}

/** Delivers an already validated event to the renderer(s) (webContents.send in the app). */
export type EventSink = (name: EventName, payload: unknown) => void;

/**
 * Main → renderer events go through here: the name must be a contract event and the payload must pass
 * its schema (strict, so nothing extra rides along); otherwise the event is dropped and logged.
 */
export function createEventPublisher(sink: EventSink, log: IpcLog = (l) => console.error(l)) {
  return function emit<E extends EventName>(name: E, payload: EventOf<E>): void {
    if (typeof name !== 'string' || !Object.hasOwn(events, name)) {
      log('ipc: dropped unknown event');
      return;
    }
    const parsed = events[name].safeParse(payload);
    if (!parsed.success) {
      log(`ipc: dropped event ${name}, payload failed its schema (${issuePaths(parsed.error)})`);
      return;
    }
    sink(name, parsed.data);
  };
}
