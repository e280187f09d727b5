/**
 * Account overview, attributes and their verification (§5.1), identification (§6) and deletion (§7).
 * The schemas are in account-schemas.ts.
 */
import type { FastifyInstance } from 'fastify';
import { meta, type ApiOptions } from './common';
import { accountSchemas, type VERIFICATION_METHODS } from './account-schemas';
import { clearSessionCookie, sessionToken } from '../session-cookie';
import type { DataLevel } from '../../domain';

/** Registers the routes. */
export async function accountRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  const { services, secureCookies } = opts;

  app.get('/api/account', { schema: accountSchemas.overview }, async (request) =>
    services.accounts.overview(sessionToken(request)),
  );

  app.post<{ Params: { id: string } }>(
    '/api/sessions/:id/end',
    { schema: accountSchemas.endSession },
    async (request, reply) => {
      services.accounts.endSession(sessionToken(request), request.params.id, meta(request));
      return reply.code(204).send();
    },
  );

  attributeRoutes(app, services);

  app.post<{ Body: { service: string; targetLevel: DataLevel; attributes: string[] } }>(
    '/api/identify',
    { schema: accountSchemas.identify },
    async (request) =>
      services.accounts.identify(sessionToken(request), request.body, meta(request)),
  );

  app.post<{ Body: { mode: 'immediate' | 'delayed' } }>(
    '/api/account/delete',
    { schema: accountSchemas.deleteAccount },
    async (request, reply) => {
      const r = services.accounts.delete(sessionToken(request), request.body.mode, meta(request));
      clearSessionCookie(reply, secureCookies);
      return r;
    },
  );
}

/** Attributes (§3/§5) and their verification (§5.1): AttributeService behind them. */
function attributeRoutes(app: FastifyInstance, services: ApiOptions['services']): void {
  app.put<{ Params: { name: string }; Body: { value: string } }>(
    '/api/account/attributes/:name',
    { schema: accountSchemas.setAttribute },
    async (request, reply) => {
      services.attributes.setAttribute(
        sessionToken(request),
        request.params.name,
        request.body.value,
        meta(request),
      );
      return reply.code(204).send();
    },
  );

  app.post<{ Body: { confirm?: string[]; reject?: string[] } }>(
    '/api/account/attributes/reconfirm',
    { schema: accountSchemas.settleAttributes },
    async (request, reply) => {
      services.attributes.settleAttributes(sessionToken(request), request.body, meta(request));
      return reply.code(204).send();
    },
  );

  app.post<{
    Body: { attribute: string; value: string; method: (typeof VERIFICATION_METHODS)[number] };
  }>('/api/verifications', { schema: accountSchemas.startVerification }, async (request, reply) => {
    reply.code(201);
    return services.attributes.startVerification(
      sessionToken(request),
      request.body,
      meta(request),
    );
  });

  app.post<{ Params: { id: string }; Body: { code: string } }>(
    '/api/verifications/:id/confirm',
    { config: { csrf: false }, schema: accountSchemas.confirmVerification },
    async (request) =>
      services.attributes.confirmVerification(
        { verificationId: request.params.id, code: request.body.code },
        meta(request),
      ),
  );

  app.post<{ Body: { testIdentity: string } }>(
    '/api/verifications/eid',
    { schema: accountSchemas.verifyEid },
    async (request, reply) => {
      services.attributes.verifyEid(
        sessionToken(request),
        request.body.testIdentity,
        meta(request),
      );
      return reply.code(204).send();
    },
  );
}
