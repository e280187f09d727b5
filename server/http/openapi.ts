/** The OpenAPI document of the JSON API: its title, description and security schemes. */
import type { FastifyInstance } from 'fastify';
import fastifySwagger from '@fastify/swagger';

/** The OpenAPI document (served at GET /openapi.json); registered before any route, so it sees them all. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Faktor reference Servicekonto (BSI TR-03160-1)',
        version: '0.1.0',
        description:
          'JSON API of the reference Servicekonto. Levels: basisregistrierung < niedrig < substanziell < hoch. ' +
          'Session: cookie sk_session (HttpOnly, SameSite=Strict) — with curl use `-c jar -b jar`. ' +
          'CSRF: every POST/PUT/DELETE that rides on the session cookie must send the header X-CSRF-Token with the csrfToken from login, account creation or GET /api/session ' +
          '(public routes — create account, login, block form, verification confirm — do not need it). Bodies are application/json; send {} for routes without fields. ' +
          'Errors: {"error":{"code","message","params"?,"details"?}}. See docs/servicekonto.md for the TR example as a curl script.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'sk_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
  });
}
