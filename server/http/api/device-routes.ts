/**
 * The paired app's own API (issue #9, docs/protocol.md §Device authentication): every route is
 * authenticated by the Authorization: FaktorDevice header — a signature of the device key over the
 * exact request, with no cookie and no bearer secret. The JSON parser of this context keeps the raw
 * body text, because the signature covers its hash.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ID, obj, EMPTY_BODY } from '../schemas';
import { ERRORS, meta, type ApiOptions } from './common';
import type { AuthenticatedDevice } from '../../app/device-auth';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body text as received (device routes only). */
    rawBody?: string;
  }
}

/** Heartbeat comment interval of the event stream. */
const HEARTBEAT_MS = 15_000;
/** Longest wait of the long-poll fallback. */
const LONG_POLL_MS = 25_000;

/** Tag of these routes in /openapi.json. */
export const DEVICE_TAG = 'Paired desktop app (Authorization: FaktorDevice)';

const MEANS_VIEW = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    label: { type: ['string', 'null'] },
    level: { type: 'string' },
    status: { type: 'string', enum: ['active', 'pending', 'blocked'] },
    registeredAt: { type: 'number' },
    lastUsedAt: { type: ['number', 'null'] },
    thisDevice: { type: 'boolean' },
  },
} as const;

const ACCOUNT_VIEW = {
  type: 'object',
  additionalProperties: false,
  properties: {
    v: { type: 'integer' },
    origin: { type: 'string' },
    account: { type: 'string' },
    accountName: { type: 'string' },
    maxLevel: { type: ['string', 'null'] },
    thisDevice: { type: 'object', additionalProperties: false, properties: { means: { type: 'string' }, status: { type: 'string' } } },
    means: { type: 'array', items: MEANS_VIEW },
    attributes: { type: 'array', items: { type: 'object', additionalProperties: false, properties: { name: { type: 'string' }, value: { type: 'string' }, level: { type: 'string' } } } },
  },
} as const;

const AUTH_HEADER = {
  type: 'object',
  required: ['authorization'],
  properties: { authorization: { type: 'string', maxLength: 400, description: 'FaktorDevice means="…", ts="…", nonce="…", sig="…" (docs/protocol.md)' } },
} as const;

/** Registers the routes. */
export async function deviceRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  const { services } = opts;
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 4096 }, (request, body, done) => {
    const text = String(body);
    request.rawBody = text;
    try {
      done(null, text === '' ? {} : JSON.parse(text));
    } catch {
      done(Object.assign(new Error('body is not JSON'), { statusCode: 400 }), undefined);
    }
  });

  // Open event streams end when the server closes (they would keep server.close() waiting forever).
  const streams = new Set<{ end: () => void }>();
  app.addHook('preClose', async () => {
    for (const s of streams) s.end();
  });

  const device = (request: FastifyRequest): AuthenticatedDevice =>
    services.deviceAuth.authenticate(
      { method: request.method, path: request.url, body: request.rawBody ?? '', authorization: request.headers.authorization },
      services.desktopApp.origin(),
    );

  app.get('/api/device/account', {
    schema: {
      tags: [DEVICE_TAG],
      summary: 'The account as the paired app shows it: maximum level, every means (this device marked), attributes with levels',
      headers: AUTH_HEADER,
      response: { 200: ACCOUNT_VIEW, ...ERRORS },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return services.device.view(device(request), services.desktopApp.origin());
  });

  app.post<{ Params: { id: string } }>('/api/device/means/:id/block', {
    config: { csrf: false },
    schema: {
      tags: [DEVICE_TAG],
      summary: 'Block any means of the account (§4.4: allowed from a lower level, without using it)',
      headers: AUTH_HEADER,
      params: obj({ id: ID }, ['id']),
      body: EMPTY_BODY,
      response: { 204: { type: 'null', description: 'Blocked' }, ...ERRORS },
    },
  }, async (request, reply) => {
    services.device.block(device(request), request.params.id, meta(request));
    return reply.code(204).send();
  });

  app.post('/api/device/remove', {
    config: { csrf: false },
    schema: {
      tags: [DEVICE_TAG],
      summary: "Remove this device's desktop-app means (uninstall or re-pair); not the account's last usable means",
      headers: AUTH_HEADER,
      body: EMPTY_BODY,
      response: { 204: { type: 'null', description: 'Removed' }, ...ERRORS },
    },
  }, async (request, reply) => {
    services.device.removeSelf(device(request), meta(request));
    return reply.code(204).send();
  });

  // ---- online approval: event stream, long-poll fallback, answer ----
  app.get('/api/device/events', {
    schema: {
      tags: [DEVICE_TAG],
      summary: 'Server-sent events for this device: `approval` (ApprovalRequest JSON), `resolved` ({tx, state}); a comment heartbeat every 15 s',
      description: 'Pending requests are sent at once on connect. Reconnect with back-off; GET /api/device/approvals is the long-poll fallback.',
      headers: AUTH_HEADER,
      response: { 200: { type: 'string', description: 'text/event-stream' }, ...ERRORS },
    },
  }, async (request, reply) => {
    const d = device(request);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-content-type-options': 'nosniff' });
    res.write(': open\n\n'); // sends the headers now, so the app knows the stream is up
    const send = (event: string, data: string): void => {
      res.write(`event: ${event}\ndata: ${data}\n\n`);
    };
    for (const a of services.approvals.hub.pendingFor(d.means.id, services.ctx.now())) send('approval', services.approvals.requestText(a, d.means.id));
    const unsubscribe = services.approvals.hub.subscribe(d.means.id, send);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    const stream = { end: () => res.end() };
    streams.add(stream);
    request.raw.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(stream);
    });
  });

  app.get('/api/device/approvals', {
    schema: {
      tags: [DEVICE_TAG],
      summary: 'Long-poll fallback: pending requests for this device; waits up to 25 s for one when there is none',
      headers: AUTH_HEADER,
      response: { 200: { type: 'object', additionalProperties: false, properties: { requests: { type: 'array', items: { type: 'string', description: 'ApprovalRequest JSON text' } } } }, ...ERRORS },
    },
  }, async (request, reply) => {
    const d = device(request);
    reply.header('cache-control', 'no-store');
    const now = (): string[] => services.approvals.hub.pendingFor(d.means.id, services.ctx.now()).map((a) => services.approvals.requestText(a, d.means.id));
    const ready = now();
    if (ready.length > 0) return { requests: ready };
    return new Promise<{ requests: string[] }>((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        unsubscribe();
        resolve({ requests: now() });
      };
      const unsubscribe = services.approvals.hub.subscribe(d.means.id, (event) => event === 'approval' && finish());
      const timer = setTimeout(finish, LONG_POLL_MS);
      request.raw.on('close', finish);
    });
  });

  app.post('/api/device/approvals', {
    config: { csrf: false },
    schema: {
      tags: [DEVICE_TAG],
      summary: 'Answer a request: ApprovalAnswer {v, tx, number, decision, signature} signed with the approval key',
      description: 'A wrong number or a signature that does not verify (wrong PIN) is the generic 401 and counts toward the 3-failure block; deny-and-block blocks this means (§4.4).',
      headers: AUTH_HEADER,
      body: {
        ...obj(
          {
            v: { type: 'integer', enum: [1] },
            tx: { type: 'string', pattern: '^[A-Za-z0-9_-]{22}$' },
            number: { type: 'integer', minimum: 0, maximum: 99 },
            decision: { type: 'string', enum: ['approve', 'deny', 'deny-and-block'] },
            signature: { type: 'string', pattern: '^[A-Za-z0-9_-]{86}$' },
          },
          ['v', 'tx', 'number', 'decision', 'signature'],
        ),
        description: 'ApprovalAnswer v1 (docs/protocol.md), checked again by shared/servicekonto/approval.ts',
      },
      response: { 200: { type: 'object', additionalProperties: false, properties: { state: { type: 'string', enum: ['approved', 'denied'] } } }, ...ERRORS },
    },
  }, async (request) => services.approvals.answer(device(request), request.body, meta(request)));
}
