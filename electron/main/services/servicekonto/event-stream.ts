import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { FaktorError, isFaktorError } from '../../../../shared/errors';
import type { Clock } from '../../ports';
import {
  callJson,
  refusal,
  requestHeaders,
  type DeviceCredentials,
  type Fetch,
} from './server-http';

/**
 * One device-authenticated event stream per paired account (docs/servicekonto-app.md §Event stream):
 * Server-Sent Events over fetch (a fresh FaktorDevice signature per connection, which EventSource
 * cannot do), reconnecting with exponential back-off and jitter; when the server or a proxy does not
 * deliver an event stream (wrong content type, or SSE keeps failing), it falls back to long-polling the
 * same events as JSON. A refusal from the server (means blocked or removed, bad signature) stops the
 * stream: retrying would only add failures. Events are handed on as (type, data, id) text; the caller
 * parses them with the shared wire parsers.
 */

/** One event as delivered (SSE or long-poll alike). */
export interface StreamEvent {
  readonly id: string | null;
  readonly type: string;
  readonly data: string;
}

/** What the stream is doing, for the UI's connection indicator. */
export type StreamState =
  | { readonly kind: 'connecting' | 'open' | 'polling' | 'closed' }
  | { readonly kind: 'waiting'; readonly retryInMs: number }
  | { readonly kind: 'refused'; readonly code: string };

/** Back-off: first retry after initialMs, doubling up to maxMs; ±20 % jitter so apps don't reconnect in step. */
export interface Backoff {
  readonly initialMs: number;
  readonly maxMs: number;
}

/** Defaults: 1 s doubling to 60 s. */
export const DEFAULT_BACKOFF: Backoff = { initialMs: 1_000, maxMs: 60_000 };
/** After this many SSE attempts in a row that failed before the stream opened, switch to long-polling. */
export const SSE_FAILURES_BEFORE_POLL = 3;

/** How to open a stream. */
export interface EventStreamOptions {
  readonly origin: string;
  /** SSE path, e.g. `/api/device/events`. */
  readonly ssePath: string;
  /** Long-poll path; `?after=<last id>` is appended when an id is known. Answers `{events:[{id,type,data}]}`. */
  readonly pollPath: string;
  readonly device: DeviceCredentials;
  readonly clock: Clock;
  readonly onEvent: (e: StreamEvent) => void;
  readonly onState?: (s: StreamState) => void;
  readonly backoff?: Backoff;
  readonly fetch?: Fetch;
  /** Jitter source in [0, 1); injectable for tests. */
  readonly random?: () => number;
}

/** A running stream. */
export interface EventStream {
  close(): void;
}

/** The delay before retry number `attempt` (0-based). */
export function backoffDelay(b: Backoff, attempt: number, random: () => number): number {
  const base = Math.min(b.maxMs, b.initialMs * 2 ** Math.min(attempt, 30));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Starts the stream; it runs until close() or a server refusal. */
export function openEventStream(o: EventStreamOptions): EventStream {
  const abort = new AbortController();
  let cancelTimer: (() => void) | null = null;
  let lastId: string | null = null;
  let attempt = 0;
  let sseFailures = 0;
  let mode: 'sse' | 'poll' = 'sse';
  const state = (s: StreamState): void => o.onState?.(s);
  const deliver = (e: StreamEvent): void => {
    if (e.id !== null) lastId = e.id;
    o.onEvent(e);
  };

  const schedule = (): void => {
    if (abort.signal.aborted) return;
    const retryInMs = backoffDelay(
      o.backoff ?? DEFAULT_BACKOFF,
      attempt++,
      o.random ?? Math.random,
    );
    state({ kind: 'waiting', retryInMs });
    cancelTimer = o.clock.setTimer(retryInMs, () => void run());
  };

  const run = async (): Promise<void> => {
    cancelTimer = null;
    if (abort.signal.aborted) return;
    try {
      if (mode === 'sse') {
        state({ kind: 'connecting' });
        const opened = await readSse(o, lastId, abort.signal, deliver, () => {
          attempt = 0;
          sseFailures = 0;
          state({ kind: 'open' });
        });
        // A stream that had opened and ended reconnects after the first back-off step (attempt was reset).
        if (!opened && ++sseFailures >= SSE_FAILURES_BEFORE_POLL) mode = 'poll';
      } else {
        state({ kind: 'polling' });
        await pollOnce(o, lastId, abort.signal, deliver);
        attempt = 0;
        return void run();
      }
    } catch (e) {
      if (abort.signal.aborted) return;
      if (isFaktorError(e, 'server-refused')) {
        abort.abort();
        state({ kind: 'refused', code: String(e.params?.serverCode ?? 'server-refused') });
        return;
      }
      if (mode === 'sse' && isFaktorError(e, 'unsupported-payload')) mode = 'poll';
      else if (mode === 'sse' && ++sseFailures >= SSE_FAILURES_BEFORE_POLL) mode = 'poll';
    }
    schedule();
  };

  void run();
  return {
    close() {
      abort.abort();
      cancelTimer?.();
      state({ kind: 'closed' });
    },
  };
}

/**
 * One SSE connection until it ends. Resolves true when it had opened (then ended), false when it
 * failed before opening; throws 'server-refused' for a 4xx and 'unsupported-payload' when the answer is
 * not an event stream.
 */
async function readSse(
  o: EventStreamOptions,
  lastId: string | null,
  signal: AbortSignal,
  deliver: (e: StreamEvent) => void,
  onOpen: () => void,
): Promise<boolean> {
  const headers = {
    ...requestHeaders('GET', o.origin, o.ssePath, '', { device: o.device }),
    accept: 'text/event-stream',
  };
  if (lastId !== null) Object.assign(headers, { 'last-event-id': lastId });
  let res: Response;
  try {
    res = await (o.fetch ?? fetch)(o.origin + o.ssePath, { headers, redirect: 'error', signal });
  } catch {
    return false;
  }
  if (res.status >= 400 && res.status < 500 && res.status !== 404 && res.status !== 406) {
    throw refusal(res.status, await res.json().catch(() => null));
  }
  if (
    !res.ok ||
    !res.body ||
    !(res.headers.get('content-type') ?? '').startsWith('text/event-stream')
  ) {
    await res.body?.cancel().catch(() => undefined);
    throw new FaktorError('unsupported-payload', 'not an event stream');
  }
  onOpen();
  const parser = createParser({
    onEvent: (m: EventSourceMessage) =>
      deliver({ id: m.id ?? null, type: m.event ?? 'message', data: m.data }),
  });
  const decoder = new TextDecoder();
  try {
    for await (const chunk of res.body)
      parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
  } catch {
    // connection dropped: the caller reconnects
  }
  return true;
}

/** One long-poll request (the server holds it until an event or its own timeout). */
async function pollOnce(
  o: EventStreamOptions,
  lastId: string | null,
  signal: AbortSignal,
  deliver: (e: StreamEvent) => void,
): Promise<void> {
  const path =
    lastId === null
      ? o.pollPath
      : `${o.pollPath}${o.pollPath.includes('?') ? '&' : '?'}after=${encodeURIComponent(lastId)}`;
  const body = await callJson(o.origin, 'GET', path, undefined, {
    device: o.device,
    signal,
    fetch: o.fetch,
    timeoutMs: 60_000,
  });
  const events = (body as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) throw new FaktorError('server-unreachable', 'poll answer malformed');
  for (const e of events as Array<Record<string, unknown>>) {
    if (typeof e?.type !== 'string' || typeof e.data !== 'string') continue;
    deliver({ id: typeof e.id === 'string' ? e.id : null, type: e.type, data: e.data });
  }
}
