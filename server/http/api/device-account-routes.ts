/**
 * The paired app's view of its account (device-routes.ts): the account with every means, the web
 * sessions, blocking any means (§4.4) and removing this device's own means.
 */
import type { FastifyInstance } from 'fastify';
import { meta } from './common';
import { deviceSchemas } from './device-schemas';
import type { DeviceRouteOptions } from './device-routes';

/** Registers the routes. */
export async function deviceAccountRoutes(
  app: FastifyInstance,
  opts: DeviceRouteOptions,
): Promise<void> {
  const { services, device } = opts;

  app.get('/api/device/account', { schema: deviceSchemas.account }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return services.device.view(device(request), services.desktopApp.origin());
  });

  app.get('/api/device/sessions', { schema: deviceSchemas.sessions }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return services.device.sessions(device(request), services.desktopApp.origin());
  });

  app.post<{ Params: { id: string } }>(
    '/api/device/means/:id/block',
    { config: { csrf: false }, schema: deviceSchemas.blockMeans },
    async (request, reply) => {
      services.device.block(device(request), request.params.id, meta(request));
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/device/remove',
    { config: { csrf: false }, schema: deviceSchemas.removeSelf },
    async (request, reply) => {
      services.device.removeSelf(device(request), meta(request));
      return reply.code(204).send();
    },
  );
}
