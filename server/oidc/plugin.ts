/**
 * Wires the OpenID Connect provider into the fastify app: the provider's Koa callback under /oidc
 * (its body parsing left to the provider), the interaction routes, the services section of the
 * account overview with consent revocation, back-channel logout when a Servicekonto session ends,
 * and — in test mode only — `POST /test/oidc/clients` to register a relying party.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { ClientMetadata } from 'oidc-provider';
import type { Services } from '../app';
import type { Db } from '../store/db';
import { ServiceError } from '../app';
import type { DomainEvent } from '../domain';
import { requireJsonBody } from '../http/api/plugin';
import { sqliteAdapter } from '../store/oidc-adapter';
import { OidcRepo } from '../store/oidc-repo';
import { installKey } from '../store/secrets-repo';
import { checkClient, ClientConfigError } from './clients';
import { registerInteractions } from './interaction';
import { createProvider, OIDC_PREFIX } from './provider';
import { registerProviderHooks } from './provider-hooks';
import { rotateSigningKey } from './keys';
import { registerServicesSection } from './services-section';

/** What the OIDC plugin needs from createServer. */
export interface OidcOptions {
  services: Services;
  /** The browser origin (known once listening, for port 0); the issuer is `<origin>/oidc`. */
  origin: () => string;
  clients: ClientMetadata[];
  testMode: boolean;
  secureCookies: boolean;
}

/** The mounted provider and its records, for tests and the demo. */
export interface OidcHandle {
  /** Built on first use: the issuer needs the listening port. */
  provider: () => Provider;
  repo: OidcRepo;
  issuer: () => string;
}

const METHODS = ['GET', 'POST', 'OPTIONS', 'HEAD', 'PUT', 'DELETE'] as const;

/** Mounts the provider and its routes on the app; returns the handle. */
export async function registerOidc(app: FastifyInstance, opts: OidcOptions): Promise<OidcHandle> {
  const { services } = opts;
  const { db } = services.ctx;
  const repo = new OidcRepo(db);
  const issuer = (): string => `${opts.origin()}${OIDC_PREFIX}`;
  let built: { provider: Provider; callback: ReturnType<Provider['callback']> } | undefined;
  const get = (): NonNullable<typeof built> => {
    if (built) return built;
    const p = createProvider({
      db,
      repo,
      issuer: issuer(),
      clients: opts.clients,
      cookieKey: installKey(db, 'oidc-cookies').toString('base64url'),
      secureCookies: opts.secureCookies,
      accountExists: (id) => services.ctx.accounts.byId(id) !== undefined,
      testMode: opts.testMode,
    });
    registerProviderHooks(p, services, repo, opts.secureCookies);
    built = { provider: p, callback: p.callback() };
    return built;
  };
  const provider = (): Provider => get().provider;
  await app.register(
    async (scope) => {
      // The provider parses its own bodies (form and JSON); fastify must leave the stream alone.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request: FastifyRequest, _payload, done) =>
        done(null, undefined),
      );
      const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
        reply.hijack();
        const raw = request.raw as typeof request.raw & { originalUrl?: string };
        const url = raw.url ?? '/';
        raw.originalUrl = url;
        raw.url = url.slice(OIDC_PREFIX.length) || '/';
        await new Promise<void>((resolve) => {
          reply.raw.once('close', resolve);
          reply.raw.once('finish', resolve);
          void get().callback(raw, reply.raw);
        });
      };
      // The provider checks its own requests (PKCE, client auth, xsrf on logout); the app's CSRF hook does not apply.
      scope.route({
        method: [...METHODS],
        url: '/*',
        handler,
        config: { csrf: false },
        schema: { hide: true },
      });
    },
    { prefix: OIDC_PREFIX },
  );

  registerInteractions(app, { provider, services, repo, testMode: opts.testMode });
  registerServicesSection(app, { services, repo });

  // Back-channel logout: when a Servicekonto session ends, every service it signed in to hears of it.
  services.ctx.eventListeners.push((events: readonly DomainEvent[]) => {
    for (const e of events) {
      if (e.type !== 'logged-out' || !e.sessionId) continue;
      const links = repo.takeSessionLinks(e.sessionId);
      if (links.length > 0) setImmediate(() => void notifyLogout(provider(), repo, links, app));
    }
  });

  if (opts.testMode) await registerTestRoutes(app, { db, repo, provider, issuer });
  return { provider, repo, issuer };
}

/** Sends the logout tokens and ends the provider sessions and tokens of the links. */
async function notifyLogout(
  provider: Provider,
  repo: OidcRepo,
  links: ReturnType<OidcRepo['takeSessionLinks']>,
  app: FastifyInstance,
): Promise<void> {
  for (const link of links) {
    repo.endProviderSession(link.providerSessionUid, link.grantId);
    try {
      // backchannelLogout(sub, sid) is the provider's own sender (it is what end_session uses); the types omit it.
      const client = (await provider.Client.find(link.clientId)) as
        | (Awaited<ReturnType<Provider['Client']['find']>> & {
            backchannelLogout?: (sub: string, sid: string) => Promise<void>;
          })
        | undefined;
      if (client?.backchannelLogoutUri && client.backchannelLogout)
        await client.backchannelLogout(link.accountId, link.sid);
    } catch (err) {
      app.log.warn({ err, client: link.clientId }, 'back-channel logout failed');
    }
  }
}

/** Test mode only: register a client (`POST /test/oidc/clients`) and rotate the signing key; JSON bodies only, like every /test route. */
async function registerTestRoutes(
  app: FastifyInstance,
  deps: { db: Db; repo: OidcRepo; provider: () => Provider; issuer: () => string },
): Promise<void> {
  const { db, repo, provider, issuer } = deps;
  const Adapter = sqliteAdapter(db);
  await app.register(async (scope) => {
    scope.addHook('preParsing', async (request, _reply, payload) => {
      requireJsonBody(request);
      return payload;
    });
    scope.post(
      '/test/oidc/clients',
      { config: { csrf: false }, schema: { hide: true, body: { type: 'object' } } },
      async (request, reply) => {
        let client: ClientMetadata;
        try {
          client = checkClient(request.body);
          await provider().Client.validate(client);
        } catch (e) {
          throw new ServiceError('validation', {
            reason: e instanceof ClientConfigError ? e.message : String((e as Error).message),
          });
        }
        await new Adapter('Client').upsert(client.client_id, client as never, 0);
        return reply.status(201).send({ client_id: client.client_id, issuer: issuer() });
      },
    );
    scope.post(
      '/test/oidc/rotate-keys',
      { config: { csrf: false }, schema: { hide: true } },
      async () => ({
        kid: rotateSigningKey(repo, Date.now()),
        note: 'takes effect at the next start',
      }),
    );
  });
}
