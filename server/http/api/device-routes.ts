/**
 * The paired app's own API (issue #9, docs/protocol.md §Device authentication): every route is
 * authenticated by the Authorization: FaktorDevice header — a signature of the device key over the
 * exact request, with no cookie and no bearer secret. The JSON parser of this context keeps the raw
 * body text, because the signature covers its hash. The routes live in three areas, registered here
 * in this order: the account (device-account-routes.ts), security keys (device-key-routes.ts) and
 * online approval (device-approval-routes.ts).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiOptions } from './common';
import type { AuthenticatedDevice } from '../../app/device-auth';
import { deviceAccountRoutes } from './device-account-routes';
import { deviceKeyRoutes } from './device-key-routes';
import { deviceApprovalRoutes } from './device-approval-routes';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body text as received (device routes only). */
    rawBody?: string;
  }
}

/** What each device route area gets besides the API options. */
export interface DeviceRouteOptions extends ApiOptions {
  /** Checks the FaktorDevice signature of the request; throws the generic 401 when it fails. */
  device: (request: FastifyRequest) => AuthenticatedDevice;
  /** The open event streams, ended when the server closes. */
  streams: Set<{ end: () => void }>;
}

/** Registers the routes. */
export async function deviceRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  const { services } = opts;
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string', bodyLimit: 4096 },
    (request, body, done) => {
      const text = String(body);
      request.rawBody = text;
      try {
        done(null, text === '' ? {} : JSON.parse(text));
      } catch {
        done(Object.assign(new Error('body is not JSON'), { statusCode: 400 }), undefined);
      }
    },
  );

  // Open event streams end when the server closes (they would keep server.close() waiting forever).
  const streams = new Set<{ end: () => void }>();
  app.addHook('preClose', async () => {
    for (const s of streams) s.end();
    services.approvals.audit.flush();
  });

  const device = (request: FastifyRequest): AuthenticatedDevice =>
    services.deviceAuth.authenticate(
      {
        method: request.method,
        path: request.url,
        body: request.rawBody ?? '',
        authorization: request.headers.authorization,
      },
      services.desktopApp.origin(),
    );

  const areaOptions: DeviceRouteOptions = { ...opts, device, streams };
  await app.register(deviceAccountRoutes, areaOptions);
  await app.register(deviceKeyRoutes, areaOptions);
  await app.register(deviceApprovalRoutes, areaOptions);
}
