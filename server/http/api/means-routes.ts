/**
 * Authentication means: register (§4.2), WebAuthn attestation, challenge (SMS code / WebAuthn
 * options), authenticate (step-up and §4.2 confirmation), block / unblock / remove (§4.4), eID.
 * The schemas are in means-schemas.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import { meta, sendIssued, type ApiOptions } from './common';
import { meansSchemas } from './means-schemas';
import { sessionToken } from '../session-cookie';
import type { API_REGISTRABLE_KINDS } from '../../app/means-service';
import type { MeansProof } from '../../app';

/** Registers the routes, in this order: registration, proof (challenge, authenticate), the §4.4 lifecycle, eID. */
export async function meansRoutes(app: FastifyInstance, opts: ApiOptions): Promise<void> {
  registrationRoutes(app, opts);
  proofRoutes(app, opts);
  lifecycleRoutes(app, opts);
  eidRoutes(app, opts);
}

/** Register a means (§4.2) and finish a WebAuthn one with its attestation. */
function registrationRoutes(app: FastifyInstance, { services }: ApiOptions): void {
  app.post<{
    Body: { kind: (typeof API_REGISTRABLE_KINDS)[number]; label?: string; phone?: string };
  }>('/api/means', { schema: meansSchemas.register }, async (request, reply) => {
    const r = await services.meansRegistration.register(
      sessionToken(request),
      request.body,
      meta(request),
    );
    reply.code(201);
    return r;
  });

  app.post<{ Params: { id: string }; Body: { response: RegistrationResponseJSON } }>(
    '/api/means/:id/webauthn-registration',
    { schema: meansSchemas.webauthnRegistration },
    async (request) =>
      services.meansRegistration.webauthnRegistration(
        sessionToken(request),
        request.params.id,
        request.body.response,
        meta(request),
      ),
  );
}

/** A means' challenge (SMS code, WebAuthn options, login QR) and its proof (step-up, §4.2 confirmation). */
function proofRoutes(app: FastifyInstance, { services, secureCookies }: ApiOptions): void {
  app.post<{ Params: { id: string } }>(
    '/api/means/:id/challenge',
    { schema: meansSchemas.challenge },
    async (request) => services.means.challenge(sessionToken(request), request.params.id),
  );

  app.post<{ Params: { id: string }; Body: MeansProof }>(
    '/api/means/:id/authenticate',
    { schema: meansSchemas.authenticate },
    async (request, reply) =>
      sendIssued(
        reply,
        await services.auth.authenticate(
          sessionToken(request),
          request.params.id,
          request.body as MeansProof & { response?: AuthenticationResponseJSON },
          meta(request),
        ),
        secureCookies,
      ),
  );
}

/** Block, unblock (with the means' own proof) and remove one means (§4.4). */
function lifecycleRoutes(app: FastifyInstance, { services, secureCookies }: ApiOptions): void {
  app.post<{ Params: { id: string } }>(
    '/api/means/:id/block',
    { schema: meansSchemas.block },
    async (request, reply) => {
      services.means.block(sessionToken(request), request.params.id, meta(request));
      return reply.code(204).send();
    },
  );

  app.post<{ Params: { id: string }; Body: MeansProof }>(
    '/api/means/:id/unblock',
    { schema: meansSchemas.unblock },
    async (request, reply) =>
      sendIssued(
        reply,
        await services.means.unblock(
          sessionToken(request),
          request.params.id,
          request.body,
          meta(request),
        ),
        secureCookies,
      ),
  );

  app.delete<{ Params: { id: string } }>(
    '/api/means/:id',
    { schema: meansSchemas.remove },
    async (request, reply) => {
      services.means.remove(sessionToken(request), request.params.id, meta(request));
      return reply.code(204).send();
    },
  );
}

/** The eID as a means (test identities): registered and proven in one step, so it issues a session. */
function eidRoutes(app: FastifyInstance, { services, secureCookies }: ApiOptions): void {
  app.post<{ Body: { testIdentity: string } }>(
    '/api/means/eid',
    { schema: meansSchemas.registerEid },
    async (request, reply) => {
      const r = await services.meansRegistration.registerEid(
        sessionToken(request),
        request.body.testIdentity,
        meta(request),
      );
      reply.code(201);
      return sendIssued(reply, r, secureCookies, {
        meansId: r.meansId,
        replacedAuthentication: r.replacedAuthentication,
      });
    },
  );
}
