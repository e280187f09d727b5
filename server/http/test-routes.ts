/**
 * Test-mode routes (registered only with --test-mode, which only binds to loopback): move the clock,
 * read the SMS / e-mail outboxes, list the test eID identities. Loopback alone is no fence against a
 * browser: any website could POST a form to http://127.0.0.1:<port>/test/clock and jump the clock
 * (erasing accounts due for deletion, ending sessions). So bodies here are application/json only —
 * which a cross-site page cannot send without a CORS preflight this server never grants — and the
 * Host check (host-check.ts) keeps DNS-rebound pages from reading the outboxes.
 */
import type { FastifyInstance } from 'fastify';
import type { AdjustableClock, Services } from '../app';
import { obj } from './schemas';
import { TAGS } from './api/common';
import { requireJsonBody } from './api/plugin';
import { TEST_IDENTITIES } from '../means/eid-test-provider';

/** What the test routes need: the services (outboxes), the test clock and what runs after it moves. */
interface TestRoutesOptions {
  services: Services;
  clock: AdjustableClock;
  afterClockChange: () => void;
}

/** Registers the routes. */
export async function testRoutes(app: FastifyInstance, opts: TestRoutesOptions): Promise<void> {
  // Hooks of this encapsulated plugin: they hold for its routes whatever spelling of the path matched.
  app.addHook('preParsing', async (request, _reply, payload) => {
    requireJsonBody(request);
    return payload;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Cache-Control', 'no-store');
    return payload;
  });
  clockRoutes(app, opts);
  outboxRoutes(app, opts.services);
  eidIdentityRoutes(app);
}

/** Read, set, advance or freeze the server clock. */
function clockRoutes(app: FastifyInstance, opts: TestRoutesOptions): void {
  const { clock } = opts;
  const clockView = (): Record<string, unknown> => ({
    now: clock.now(),
    iso: new Date(clock.now()).toISOString(),
    frozen: clock.frozen,
  });
  const CLOCK = obj({
    now: { type: 'number' },
    iso: { type: 'string' },
    frozen: { type: 'boolean' },
  });

  app.get(
    '/test/clock',
    {
      schema: {
        tags: [TAGS.test],
        summary: 'Server time (epoch ms) every rule reads',
        response: { 200: CLOCK },
      },
    },
    async () => clockView(),
  );

  app.post<{ Body: { set?: string | number; advanceSeconds?: number; freeze?: boolean } }>(
    '/test/clock',
    {
      config: { csrf: false },
      schema: {
        tags: [TAGS.test],
        summary:
          'Set or advance the server clock (Table 2 timeouts, TOTP steps, code expiry, deletion delay)',
        body: {
          ...obj(
            {
              set: { type: ['string', 'number'], description: 'ISO-8601 instant or epoch ms' },
              advanceSeconds: { type: 'number', minimum: -31536000, maximum: 31536000 },
              freeze: { type: 'boolean' },
            },
            [],
            { minProperties: 1 },
          ),
          examples: [{ advanceSeconds: 3601 }, { set: '2030-01-01T12:00:00Z', freeze: true }],
        },
        response: { 200: CLOCK },
      },
    },
    async (request) => {
      const b = request.body;
      if (b.freeze !== undefined) clock.freeze(b.freeze);
      if (b.set !== undefined) {
        const ms = typeof b.set === 'number' ? b.set : Date.parse(b.set);
        if (!Number.isFinite(ms)) throw Object.assign(new Error('set'), { statusCode: 400 });
        clock.set(ms);
      }
      if (b.advanceSeconds !== undefined) clock.advance(b.advanceSeconds * 1000);
      opts.afterClockChange();
      return clockView();
    },
  );
}

/** The SMS and e-mail outboxes (what a real server would send). */
function outboxRoutes(app: FastifyInstance, services: Services): void {
  for (const channel of ['sms', 'email'] as const) {
    app.get(
      `/test/outbox/${channel}`,
      {
        schema: {
          tags: [TAGS.test],
          summary: `${channel === 'sms' ? 'SMS' : 'E-mail / De-Mail'} outbox, newest first`,
          response: {
            200: obj({
              messages: {
                type: 'array',
                items: obj({
                  id: { type: 'number' },
                  channel: { type: 'string' },
                  recipient: { type: 'string' },
                  subject: { type: 'string' },
                  body: { type: 'string' },
                  at: { type: 'number' },
                }),
              },
            }),
          },
        },
      },
      async () => ({ messages: services.ctx.outbox.messages(channel) }),
    );
  }
}

/** The test eID identities one can log in or register with. */
function eidIdentityRoutes(app: FastifyInstance): void {
  app.get(
    '/test/eid/identities',
    {
      schema: {
        tags: [TAGS.test],
        summary: 'Test eID identities (Mustermann, level hoch, German minimum data set)',
        response: {
          200: obj({
            identities: { type: 'array', items: { type: 'object', additionalProperties: true } },
          }),
        },
      },
    },
    async () => ({ identities: TEST_IDENTITIES }),
  );
}
