/**
 * Security key registration through the paired app (device-routes.ts): step 1 the WebAuthn and
 * PIN-proof options, step 2 the attestation with its proofs → an active password+security-key means.
 */
import type { FastifyInstance } from 'fastify';
import { meta } from './common';
import { deviceSchemas } from './device-schemas';
import type { DeviceRouteOptions } from './device-routes';
import type { KeyRegistrationBody } from '../../app/device-key-service';

/** Registers the routes. */
export async function deviceKeyRoutes(
  app: FastifyInstance,
  opts: DeviceRouteOptions,
): Promise<void> {
  const { services, device } = opts;

  app.post(
    '/api/device/security-keys/options',
    { config: { csrf: false }, schema: deviceSchemas.keyOptions },
    async (request) => services.deviceKeys.options(device(request)),
  );

  app.post<{ Body: KeyRegistrationBody }>(
    '/api/device/security-keys',
    { config: { csrf: false }, schema: deviceSchemas.keyRegistration },
    async (request, reply) => {
      const d = device(request);
      reply.code(201);
      return services.deviceKeys.finish(d, request.body, meta(request));
    },
  );
}
