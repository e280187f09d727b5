/**
 * The desktop-app means over JSON (issue #9, docs/protocol.md): show a pairing QR (§4.2), the app's
 * enrollment, and the offline QR login. Confirmation and step-up with a paired app use the generic
 * POST /api/means/{id}/challenge (→ a login QR) and POST /api/means/{id}/authenticate {code}.
 * The schemas are in desktop-app-schemas.ts.
 */
import type { FastifyInstance } from 'fastify';
import { meta, sendIssued, type ApiOptions } from './common';
import { desktopAppSchemas } from './desktop-app-schemas';
import { sessionToken } from '../session-cookie';

/** Registers the routes: pairing, the login with the app (offline QR, online approval), the in-session approval. */
export async function desktopAppRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  pairingRoutes(app, opts);
  loginRoutes(app, opts);
  sessionPushRoutes(app, opts);
}

/** Pairing (§4.2): the pairing QR inside a session, then the app's own enrollment. */
function pairingRoutes(app: FastifyInstance, { services }: ApiOptions): void {
  app.post(
    '/api/means/desktop-app',
    { schema: desktopAppSchemas.startPairing },
    async (request, reply) => {
      const r = await services.desktopApp.startPairing(sessionToken(request), meta(request));
      reply.code(201);
      return r;
    },
  );

  app.post(
    '/api/pairing/enroll',
    { config: { csrf: false }, schema: desktopAppSchemas.enroll },
    async (request, reply) => {
      const r = services.desktopApp.enroll(request.body, meta(request));
      reply.code(201);
      return r;
    },
  );
}

/** Login without a session: the offline QR and its code, or an online approval request and its status. */
function loginRoutes(app: FastifyInstance, { services, secureCookies }: ApiOptions): void {
  app.post<{ Body: { username: string } }>(
    '/api/login/desktop-app',
    { config: { csrf: false }, schema: desktopAppSchemas.startLogin },
    async (request, reply) => {
      const r = await services.desktopApp.startLogin(request.body.username, meta(request));
      reply.code(201);
      return r;
    },
  );

  app.post<{ Body: { tx: string; code: string } }>(
    '/api/login/desktop-app/code',
    { config: { csrf: false }, schema: desktopAppSchemas.finishLogin },
    async (request, reply) =>
      sendIssued(
        reply,
        services.desktopApp.finishLogin(request.body.tx, request.body.code, meta(request)),
        secureCookies,
      ),
  );

  app.post<{ Body: { username: string } }>(
    '/api/login/desktop-app/push',
    { config: { csrf: false }, schema: desktopAppSchemas.startPush },
    async (request, reply) => {
      reply.code(201);
      return services.approvals.startPush(request.body.username, {
        ...meta(request),
        browser: String(request.headers['user-agent'] ?? ''),
      });
    },
  );

  app.post<{ Body: { tx: string } }>(
    '/api/login/desktop-app/push/status',
    { config: { csrf: false }, schema: desktopAppSchemas.pushStatus },
    async (request, reply) => {
      const r = services.approvals.status(request.body.tx, undefined, meta(request));
      if (r.state !== 'approved') return { state: r.state };
      return sendIssued(reply, r.issued, secureCookies, { state: 'approved' });
    },
  );
}

/** Online approval inside a session (step-up, §4.2 confirmation of a just-paired app) and its status. */
function sessionPushRoutes(app: FastifyInstance, { services, secureCookies }: ApiOptions): void {
  app.post<{ Body: { meansId?: string } }>(
    '/api/session/desktop-app/push',
    { schema: desktopAppSchemas.startSessionPush },
    async (request, reply) => {
      const target = request.body.meansId === undefined ? 'all' : { meansId: request.body.meansId };
      reply.code(201);
      return services.sessionApprovals.start(sessionToken(request), target, {
        ...meta(request),
        browser: String(request.headers['user-agent'] ?? ''),
      });
    },
  );

  app.post<{ Body: { tx: string } }>(
    '/api/session/desktop-app/push/status',
    { schema: desktopAppSchemas.sessionPushStatus },
    async (request, reply) => {
      const r = services.sessionApprovals.status(
        sessionToken(request),
        request.body.tx,
        meta(request),
      );
      if (r.state !== 'approved') return r;
      return sendIssued(reply, r.issued, secureCookies, { state: 'approved' });
    },
  );
}
