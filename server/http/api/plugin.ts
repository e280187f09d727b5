/**
 * The JSON API as one encapsulated fastify plugin. Its hooks belong to the routes registered inside
 * it, not to a URL prefix: the router decodes the path (`/%61pi/…` matches `/api/…`), so a check on
 * the raw `request.url` can be walked around, while a hook of this context runs for every one of its
 * routes whatever spelling reached it. CSRF itself is checked for every state-changing route of the
 * whole app by the root hook in server.ts (`csrfHook`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ServiceError } from '../../app/errors';
import { sessionRoutes } from './session-routes';
import { meansRoutes } from './means-routes';
import { accountRoutes } from './account-routes';
import { desktopAppRoutes } from './desktop-app-routes';
import { deviceRoutes } from './device-routes';
import type { ApiOptions } from './common';

/** True for the methods that never change state (no body, no CSRF). */
export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

/** Throws 415 when a state-changing request carries a body that is not application/json. */
export function requireJsonBody(request: FastifyRequest): void {
  if (isSafeMethod(request.method)) return;
  const hasBody =
    Number(request.headers['content-length'] ?? 0) > 0 ||
    request.headers['transfer-encoding'] !== undefined;
  const type = String(request.headers['content-type'] ?? '').toLowerCase();
  if (hasBody && !type.startsWith('application/json'))
    throw new ServiceError('unsupported-media-type');
}

/** Registers the API routes with their hooks (JSON only, empty body = {}, never cached). */
export async function apiPlugin(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  // Bodies are JSON only: an HTML form (the classic CSRF vehicle) cannot send application/json.
  // preParsing: refused before the form parser ever sees the body, and before the CSRF hook.
  app.addHook('preParsing', async (request, _reply, payload) => {
    requireJsonBody(request);
    return payload;
  });
  // A body-less POST/DELETE validates against the empty-object schema.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && !isSafeMethod(request.method)) request.body = {};
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Cache-Control', 'no-store');
    return payload;
  });
  await app.register(sessionRoutes, opts);
  await app.register(meansRoutes, opts);
  await app.register(accountRoutes, opts);
  await app.register(desktopAppRoutes, opts);
  await app.register(deviceRoutes, opts);
}
