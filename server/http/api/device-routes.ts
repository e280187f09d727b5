/**
 * The paired app's own API (issue #9, docs/protocol.md §Device authentication): every route is
 * authenticated by the Authorization: FaktorDevice header — a signature of the device key over the
 * exact request, with no cookie and no bearer secret. The JSON parser of this context keeps the raw
 * body text, because the signature covers its hash.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ID, TX, obj, EMPTY_BODY, WEBAUTHN_CREDENTIAL } from '../schemas';
import { ERRORS, meta, type ApiOptions } from './common';
import type { AuthenticatedDevice } from '../../app/device-auth';
import { ServiceError } from '../../app';
import type { KeyRegistrationBody } from '../../app/device-key-service';

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
    credentialId: { type: 'string', description: 'WebAuthn means only: the credential id (base64url), so the app can tell which plugged-in key it is' },
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
    rpId: { type: 'string', description: 'WebAuthn relying party id of the credentials' },
    maxLevel: { type: ['string', 'null'] },
    thisDevice: { type: 'object', additionalProperties: false, properties: { means: { type: 'string' }, status: { type: 'string' } } },
    means: { type: 'array', items: MEANS_VIEW },
    attributes: { type: 'array', items: { type: 'object', additionalProperties: false, properties: { name: { type: 'string' }, value: { type: 'string' }, level: { type: 'string' } } } },
  },
} as const;

const SESSION_ROW = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    level: { type: 'string', enum: ['niedrig', 'substanziell', 'hoch'] },
    downgradedFrom: { type: ['string', 'null'] },
    startedAt: { type: 'number' },
    lastActivityAt: { type: 'number' },
    idleRemainingSeconds: { type: 'integer', description: 'until the idle limit of Table 2 for the current level lapses without input' },
    absoluteRemainingSeconds: { type: 'integer', description: 'until the absolute limit of Table 2 for the current level lapses (counted from its authentication)' },
    endsInSeconds: { type: 'integer', description: 'until the session has no level left if idle (after downgrades)' },
    browser: { type: 'string', description: 'User-Agent of the browser the session cookie was last issued to (≤ 120 chars; "" if unknown)' },
    ip: { type: 'string', description: 'its address ("" if unknown)' },
    latest: { type: 'boolean', description: 'the most recently active session' },
  },
} as const;

const SESSIONS_VIEW = {
  type: 'object',
  additionalProperties: false,
  properties: { v: { type: 'integer' }, origin: { type: 'string' }, account: { type: 'string' }, sessions: { type: 'array', items: SESSION_ROW } },
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
    services.approvals.audit.flush();
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

  app.get('/api/device/sessions', {
    schema: {
      tags: [DEVICE_TAG],
      summary: "The account's web sessions that still have a level, most recent first: level, Table 2 idle and absolute time left, start, browser/IP hint",
      description: 'Only an active device may ask (409 means-blocked / means-pending otherwise). Reading is no user input: no session is touched.',
      headers: AUTH_HEADER,
      response: { 200: SESSIONS_VIEW, ...ERRORS },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return services.device.sessions(device(request), services.desktopApp.origin());
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

  app.post('/api/device/security-keys/options', {
    config: { csrf: false },
    schema: {
      tags: [DEVICE_TAG],
      summary: 'Security key registration, step 1: WebAuthn options (RP, user, create/get challenges, excluded ids) and the PIN-proof challenge',
      description: 'Only an active desktop app; refused up front (403 insufficient-level) when desktop app + password would not reach the level §4.2 needs. Valid 5 minutes, single use.',
      headers: AUTH_HEADER,
      body: EMPTY_BODY,
      response: { 200: { type: 'object', additionalProperties: true, description: 'KeyRegistrationOptions v1 (docs/protocol.md)' }, ...ERRORS },
    },
  }, async (request) => services.deviceKeys.options(device(request)));

  app.post<{ Body: KeyRegistrationBody }>('/api/device/security-keys', {
    config: { csrf: false },
    schema: {
      tags: [DEVICE_TAG],
      summary: 'Security key registration, step 2: attestation + confirming assertion + password + PIN proof → an active password+security-key means',
      description:
        'signature = approval key (PIN-bound) over {"type":"faktor-key-registration","v":1,"transaction","challenge","credential"}. ' +
        'Any wrong proof is the generic 401; a wrong PIN proof counts toward the desktop app\'s 3-failure block, a wrong password toward the login throttle. ' +
        'The options are used up by the first attempt (a replay is 404).',
      headers: AUTH_HEADER,
      body: obj(
        {
          v: { type: 'integer', enum: [1] },
          tx: TX,
          label: { type: 'string', maxLength: 64 },
          password: { type: 'string', minLength: 1, maxLength: 128 },
          signature: { type: 'string', pattern: '^[A-Za-z0-9_-]{86}$' },
          registration: WEBAUTHN_CREDENTIAL,
          assertion: WEBAUTHN_CREDENTIAL,
        },
        ['v', 'tx', 'password', 'signature', 'registration', 'assertion'],
      ),
      response: { 201: { type: 'object', additionalProperties: true, description: 'KeyRegistrationResult v1 {v, meansId, kind, label, level, status, credentialId}' }, ...ERRORS },
    },
  }, async (request, reply) => {
    const d = device(request);
    reply.code(201);
    return services.deviceKeys.finish(d, request.body, meta(request));
  });

  // ---- online approval: event stream, long-poll fallback, answer ----
  const pendingEvents = (meansId: string, after: number): { id: string; type: 'approval'; data: string }[] =>
    services.approvals.hub
      .pendingFor(meansId, services.ctx.now())
      .filter((a) => a.seq > after)
      .map((a) => ({ id: String(a.seq), type: 'approval' as const, data: services.approvals.requestText(a, meansId) }));

  app.get('/api/device/events', {
    schema: {
      tags: [DEVICE_TAG],
      summary: 'Server-sent events for this device: `approval` (ApprovalRequest JSON, with an `id:`), `resolved` ({tx, state}); a comment heartbeat every 15 s',
      description: 'Pending requests are sent at once on connect. Reconnect with back-off; GET /api/device/events/poll is the long-poll fallback.',
      headers: AUTH_HEADER,
      response: { 200: { type: 'string', description: 'text/event-stream' }, ...ERRORS },
    },
  }, async (request, reply) => {
    const d = device(request);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-content-type-options': 'nosniff' });
    res.write(': open\n\n'); // sends the headers now, so the app knows the stream is up
    const send = (event: string, data: string, id?: string): void => {
      res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${data}\n\n`);
    };
    for (const e of pendingEvents(d.means.id, 0)) send(e.type, e.data, e.id);
    const unsubscribe = services.approvals.hub.subscribe(d.means.id, send);
    // Each stream starts its heartbeat at a random point of the interval: streams opened together (a
    // restart, bench:pairing) would otherwise all ping in the same millisecond and delay deliveries.
    let heartbeat: NodeJS.Timeout | undefined;
    const start = setTimeout(() => {
      heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
    }, Math.floor(Math.random() * HEARTBEAT_MS));
    start.unref();
    const stream = { end: () => res.end() };
    streams.add(stream);
    request.raw.on('close', () => {
      clearTimeout(start);
      clearInterval(heartbeat);
      unsubscribe();
      streams.delete(stream);
    });
  });

  app.get<{ Querystring: { after?: string } }>('/api/device/events/poll', {
    schema: {
      tags: [DEVICE_TAG],
      summary: 'Long-poll fallback: the `approval` events of the stream as JSON; waits up to 25 s when there is none after `after`',
      description: 'Without `after` every pending request; with `after` (the last event id seen) only newer ones.',
      headers: AUTH_HEADER,
      querystring: obj({ after: { type: 'string', pattern: '^[0-9]{1,15}$' } }, []),
      response: {
        200: {
          type: 'object',
          additionalProperties: false,
          properties: {
            events: {
              type: 'array',
              items: { type: 'object', additionalProperties: false, properties: { id: { type: 'string' }, type: { type: 'string', enum: ['approval'] }, data: { type: 'string', description: 'ApprovalRequest JSON text' } } },
            },
          },
        },
        ...ERRORS,
      },
    },
  }, async (request, reply) => {
    const d = device(request);
    const after = Number(request.query.after ?? '0');
    reply.header('cache-control', 'no-store');
    const ready = pendingEvents(d.means.id, after);
    if (ready.length > 0) return { events: ready };
    return new Promise<{ events: ReturnType<typeof pendingEvents> }>((resolve) => {
      let done = false;
      const finish = (): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        unsubscribe();
        resolve({ events: pendingEvents(d.means.id, after) });
      };
      const unsubscribe = services.approvals.hub.subscribe(d.means.id, (event) => event === 'approval' && finish());
      const timer = setTimeout(finish, LONG_POLL_MS);
      request.raw.on('close', finish);
    });
  });

  app.post<{ Params: { tx: string }; Body: { tx: string } }>('/api/device/approvals/:tx', {
    config: { csrf: false },
    schema: {
      tags: [DEVICE_TAG],
      summary: 'Answer a request: ApprovalAnswer {v, tx, number, decision, signature} signed with the approval key',
      description: 'The path names the same tx as the body. A wrong number or a signature that does not verify (wrong PIN) is the generic 401 and counts toward the 3-failure block; deny-and-block blocks this means (§4.4).',
      headers: AUTH_HEADER,
      params: obj({ tx: TX }, ['tx']),
      body: {
        ...obj(
          {
            v: { type: 'integer', enum: [1] },
            tx: TX,
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
  }, async (request) => {
    const d = device(request);
    if (request.body.tx !== request.params.tx) throw new ServiceError('validation', { field: 'tx', reason: 'path-and-body-differ' });
    return services.approvals.answer(d, request.body, meta(request));
  });
}
