/**
 * Account creation, login (password, optionally + TOTP), eID login, logout, session status and the
 * public block-password form. The schemas are in session-schemas.ts.
 */
import type { FastifyInstance } from 'fastify';
import { meta, sendIssued, type ApiOptions } from './common';
import { sessionSchemas } from './session-schemas';
import { clearSessionCookie, sessionToken } from '../session-cookie';
import type { MeansKind } from '../../domain';

/** Registers the routes. */
export async function sessionRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  const { services, secureCookies } = opts;

  app.post<{
    Body: {
      username: string;
      password: string;
      blockPassword: string;
      attributes?: Record<string, string>;
    };
  }>(
    '/api/accounts',
    { config: { csrf: false }, schema: sessionSchemas.createAccount },
    async (request, reply) => {
      const r = await services.auth.createAccount(
        { ...request.body, attributes: request.body.attributes ?? {} },
        meta(request),
      );
      reply.code(201);
      return sendIssued(reply, r, secureCookies, {
        accountId: r.accountId,
        deletionNotice: r.deletionNotice,
      });
    },
  );

  app.post<{ Body: { username: string; password: string; totp?: string; meansId?: string } }>(
    '/api/login',
    { config: { csrf: false }, schema: sessionSchemas.login },
    async (request, reply) =>
      sendIssued(reply, await services.auth.login(request.body, meta(request)), secureCookies),
  );

  app.post<{ Body: { testIdentity: string } }>(
    '/api/login/eid',
    { config: { csrf: false }, schema: sessionSchemas.eidLogin },
    async (request, reply) =>
      sendIssued(
        reply,
        services.accounts.eidLogin(request.body.testIdentity, meta(request)),
        secureCookies,
      ),
  );

  app.post<{ Body: { username: string; testIdentity: string } }>(
    '/api/login/mds',
    { config: { csrf: false }, schema: sessionSchemas.mdsLogin },
    async (request, reply) =>
      sendIssued(
        reply,
        await services.accounts.mdsLogin(
          request.body.username,
          request.body.testIdentity,
          meta(request),
        ),
        secureCookies,
      ),
  );

  app.post('/api/logout', { schema: sessionSchemas.logout }, async (request, reply) => {
    services.auth.logout(sessionToken(request), meta(request));
    clearSessionCookie(reply, secureCookies);
    return reply.code(204).send();
  });

  app.get('/api/session', { schema: sessionSchemas.session }, async (request) =>
    services.accounts.session(sessionToken(request)),
  );

  app.post<{
    Body: { username: string; blockPassword: string; meansId?: string; kind?: MeansKind | 'all' };
  }>(
    '/api/block',
    { config: { csrf: false }, schema: sessionSchemas.blockWithPassword },
    async (request) => services.auth.blockWithPassword(request.body, meta(request)),
  );
}
