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
}
