import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { p256 } from '@noble/curves/nist.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  parseDeviceAuthorization,
  verifyDeviceRequest,
} from '../../../../../shared/servicekonto/device-auth';
import { publicKeyOf } from '../../../../../shared/servicekonto/p256';
import { systemClock } from '../../../../../electron/main/ports';
import {
  backoffDelay,
  openEventStream,
  type EventStream,
  type StreamEvent,
  type StreamState,
} from '../../../../../electron/main/services/servicekonto/event-stream';

/**
 * A real HTTP server on 127.0.0.1:0 (node:http) plays the Servicekonto's event endpoints, so the
 * client's SSE parsing, reconnect, fallback and signing run over real sockets.
 */

const deviceKey = p256.utils.randomSecretKey();
const device = { means: 'means-1', deviceKey };
let server: Server | null = null;
let stream: EventStream | null = null;

afterEach(async () => {
  stream?.close();
  stream = null;
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = null;
});

async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function signedBy(req: IncomingMessage, origin: string): boolean {
  const auth = parseDeviceAuthorization(req.headers.authorization);
  return (
    auth.means === 'means-1' &&
    verifyDeviceRequest(publicKeyOf(deviceKey), auth, {
      method: 'GET',
      origin,
      path: req.url ?? '',
      body: '',
    })
  );
}

function until<T>(get: () => T | undefined): Promise<T> {
  return new Promise((resolve) => {
    const tick = (): void => {
      const v = get();
      if (v !== undefined) resolve(v);
      else setTimeout(tick, 5);
    };
    tick();
  });
}

const fast = { initialMs: 5, maxMs: 20 };

describe('device event stream', () => {
  it('reads SSE, signs every connection afresh, and resumes after a drop with Last-Event-ID', async () => {
    const seen: Array<{ lastId: string | undefined; signed: boolean; nonce: string }> = [];
    let origin = '';
    origin = await serve((req, res) => {
      seen.push({
        lastId: req.headers['last-event-id'] as string | undefined,
        signed: signedBy(req, origin),
        nonce: parseDeviceAuthorization(req.headers.authorization).nonce,
      });
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const n = seen.length;
      res.write(`: hello\n\nid: ${n}\nevent: approval\ndata: {"n":${n}}\n\n`);
      if (n === 1) res.end(); // first connection drops after one event
    });
    const events: StreamEvent[] = [];
    stream = openEventStream({
      origin,
      ssePath: '/events',
      pollPath: '/poll',
      device,
      clock: systemClock,
      backoff: fast,
      onEvent: (e) => events.push(e),
    });
    await until(() => (events.length >= 2 ? true : undefined));
    expect(events.slice(0, 2)).toEqual([
      { id: '1', type: 'approval', data: '{"n":1}' },
      { id: '2', type: 'approval', data: '{"n":2}' },
    ]);
    expect(seen[0]).toMatchObject({ lastId: undefined, signed: true });
    expect(seen[1]).toMatchObject({ lastId: '1', signed: true });
    expect(seen[0]!.nonce).not.toBe(seen[1]!.nonce);
  });

  it('falls back to long-polling when the answer is not an event stream', async () => {
    const polls: string[] = [];
    let origin = '';
    origin = await serve((req, res) => {
      if (req.url === '/events') {
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      polls.push(`${req.url} ${signedBy(req, origin)}`);
      const after = new URL(req.url ?? '', origin).searchParams.get('after');
      const next = after === null ? 1 : Number(after) + 1;
      if (next > 2)
        return void setTimeout(
          () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"events":[]}'),
          50,
        );
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(
          JSON.stringify({ events: [{ id: String(next), type: 'approval', data: `p${next}` }] }),
        );
    });
    const events: StreamEvent[] = [];
    const states: string[] = [];
    stream = openEventStream({
      origin,
      ssePath: '/events',
      pollPath: '/poll',
      device,
      clock: systemClock,
      backoff: fast,
      onEvent: (e) => events.push(e),
      onState: (s) => states.push(s.kind),
    });
    await until(() => (events.length >= 2 ? true : undefined));
    expect(events.map((e) => e.data)).toEqual(['p1', 'p2']);
    expect(polls.slice(0, 2)).toEqual(['/poll true', '/poll?after=1 true']);
    expect(states).toContain('polling');
  });

  it('stops for good when the server refuses the device (e.g. blocked), without retrying', async () => {
    let hits = 0;
    const origin = await serve((_req, res) => {
      hits++;
      res
        .writeHead(403, { 'content-type': 'application/json' })
        .end('{"error":{"code":"means-blocked","message":"x"}}');
    });
    const states: StreamState[] = [];
    stream = openEventStream({
      origin,
      ssePath: '/events',
      pollPath: '/poll',
      device,
      clock: systemClock,
      backoff: fast,
      onEvent: () => undefined,
      onState: (s) => states.push(s),
    });
    const refused = await until(() => states.find((s) => s.kind === 'refused'));
    expect(refused).toEqual({ kind: 'refused', code: 'means-blocked' });
    await new Promise((r) => setTimeout(r, 60));
    expect(hits).toBe(1);
  });

  it('backs off exponentially with jitter, capped', () => {
    const b = { initialMs: 1000, maxMs: 60_000 };
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(b, a, () => 0.5))).toEqual([
      1000, 2000, 4000, 8000, 60_000,
    ]);
    expect(backoffDelay(b, 0, () => 0)).toBe(800);
    expect(backoffDelay(b, 0, () => 0.999999)).toBe(1200);
  });

  it('reconnects after the server is unreachable at first', async () => {
    const origin = await serve((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/event-stream' }).write('data: hi\n\n'),
    );
    const port = Number(new URL(origin).port);
    server!.close();
    const states: string[] = [];
    const events: StreamEvent[] = [];
    stream = openEventStream({
      origin,
      ssePath: '/events',
      pollPath: '/poll',
      device,
      clock: systemClock,
      backoff: fast,
      onEvent: (e) => events.push(e),
      onState: (s) => states.push(s.kind),
    });
    await until(() => (states.includes('waiting') ? true : undefined));
    server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/event-stream' }).write('data: hi\n\n'),
    );
    await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
    await until(() => (events.length > 0 ? true : undefined));
    expect(events[0]).toEqual({ id: null, type: 'message', data: 'hi' });
  });
});
