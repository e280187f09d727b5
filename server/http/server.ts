/**
 * Builds the whole server: store, services, JSON API, OpenAPI document, test routes, security
 * headers. `createServer` is what main.ts, the tests and the benchmark call.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import { DEFAULT_CONFIG, validateConfig, type ServerConfig } from '../config';
import { openStore, type Db } from '../store/db';
import {
  AdjustableClock,
  createServices,
  systemClock,
  type AppContext,
  type Clock,
  type Services,
} from '../app';
import { makePolicy, type Policy } from '../domain';
import { createAppContext } from './app-context';
import { registerOpenApi } from './openapi';
import { registerSecurityHeaders } from './security-headers';
import { registerErrorHandler } from './error-handler';
import { verifyCsrf } from './csrf';
import { noteSessionClients, useSecureCookies } from './session-cookie';
import { registerHostCheck } from './host-check';
import { apiPlugin, isSafeMethod } from './api/plugin';
import { testRoutes } from './test-routes';
import { pagesPlugin } from './pages/plugin';
import { registerOidc, type OidcHandle } from '../oidc/plugin';
import { servicesSectionFor } from '../oidc/services-section';
import { checkClient, loadClientsFile } from '../oidc/clients';
import type { ClientMetadata } from 'oidc-provider';

/** Options of createServer: the config plus test hooks. */
export interface CreateServerOptions extends Partial<ServerConfig> {
  /** Listen after building (default true); false gives an app for `inject` only. */
  listen?: boolean;
  /** Policy overrides (levels, Table 2 limits within the TR's, deletion rule). */
  policy?: Partial<Policy>;
  /** Lock period of a 'delayed' deletion (§7); default config.deletionDelayDays (7). One value for API, pages and the §7 notice. */
  deletionDelayMs?: number;
  /** Host name of the derived browser origin http://<name>:<port> when no `origin` is set (default 'localhost'). */
  originFromPort?: string;
  /** Where log lines go (default stdout); tests capture them to prove redaction. */
  logStream?: NodeJS.WritableStream;
  /** OpenID Connect clients (relying parties) besides those in `oidcClientsFile` (tests). */
  oidcClients?: ClientMetadata[];
  /** Registers more routes (the pages) on the same app before it starts. */
  plugins?: ((app: FastifyInstance, services: Services) => Promise<void> | void)[];
}

/** A running (or injectable) server. */
export interface RunningServer {
  app: FastifyInstance;
  services: Services;
  /** The test clock in test mode, else undefined. */
  clock: AdjustableClock | undefined;
  db: Db;
  config: ServerConfig;
  /** The OpenID Connect provider (issuer `<origin>/oidc`), its records and issuer. */
  oidc: OidcHandle;
  /** http://host:port once listening ('' with listen: false). */
  url: string;
  /** The browser origin (WebAuthn, links): config.origin or http://localhost:<port>. */
  origin: string;
  close: () => Promise<void>;
}

/** Log redaction: nothing secret reaches a log line (ASVS 5.0 V16.2.5). */
export const LOG_REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  'req.body.password',
  'req.body.blockPassword',
  'req.body.code',
  'req.body.totp',
  'req.body.response',
  'body.password',
  'body.blockPassword',
  'body.code',
  'body.totp',
];

/**
 * The request path as logged: without the query string (it can carry a verification code from an
 * e-mail link), and with the transaction id of a device's answer masked — the tx of a login by online
 * approval is what its browser redeems for a session, so whoever reads the log must not learn it.
 */
export function loggedPath(url: string): string {
  return (url.split('?')[0] ?? '').replace(/^(\/api\/device\/approvals\/)[^/]+/, '$1[tx]');
}

/** The fastify instance: logging (redacted, `loggedPath`), body limit, schema validator options, trusted proxies. */
function createFastify(
  config: ServerConfig,
  logStream: NodeJS.WritableStream | undefined,
): FastifyInstance {
  return Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : {
            level: config.logLevel,
            ...(logStream ? { stream: logStream } : {}),
            redact: { paths: LOG_REDACT, censor: '[redacted]' },
            serializers: {
              req: (req) => ({
                method: req.method,
                url: loggedPath(String(req.url)),
                remoteAddress: req.ip,
              }),
            },
          },
    bodyLimit: 64 * 1024,
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: false,
        allErrors: false,
        allowUnionTypes: true,
      },
    },
    // Only the configured proxies may name the client (X-Forwarded-For); everyone else is their socket address.
    trustProxy:
      config.trustedProxies && config.trustedProxies.length > 0 ? config.trustedProxies : false,
  });
}

/** The close path, run once: stops the deletion sweeper, closes the app (its preClose hooks end the event streams), then the approval hub and the store. */
function closeOnce(
  app: FastifyInstance,
  services: Services,
  db: Db,
  sweeper: NodeJS.Timeout,
): () => Promise<void> {
  let closed = false;
  return async () => {
    if (closed) return;
    closed = true;
    clearInterval(sweeper);
    await app.close();
    await services.approvals.hub.close();
    db.close();
  };
}

/** The validated config; an https origin always gets Secure, __Host- prefixed cookies (issue #7 item 13). */
function resolveConfig(given: Partial<ServerConfig>): ServerConfig {
  const config = validateConfig({ ...DEFAULT_CONFIG, ...given });
  return {
    ...config,
    secureCookies: config.secureCookies || (config.origin?.startsWith('https://') ?? false),
  };
}

/** The app-wide plugins and hooks: cookies, forms, the OpenAPI document, security headers, errors, Host check, CSRF. */
async function registerAppWide(
  app: FastifyInstance,
  config: ServerConfig,
  services: Services,
): Promise<void> {
  await app.register(fastifyCookie);
  useSecureCookies(app, config.secureCookies);
  await app.register(fastifyFormbody);
  await registerOpenApi(app);
  registerSecurityHeaders(app);
  registerErrorHandler(app);
  registerHostCheck(app, config);
  noteSessionClients(app, (token, client) => services.sessions.noteClient(token, client));

  // CSRF for every state-changing route of the app, decided on the matched route (never on the URL
  // text, which the router decodes): only a route that says `config: { csrf: false }` is exempt.
  app.addHook('preValidation', async (request) => {
    if (isSafeMethod(request.method) || request.is404 || request.routeOptions.config.csrf === false)
      return;
    verifyCsrf(request, services);
  });
}

/** What registering the routes needs besides the app and its services. */
interface RouteSetup {
  config: ServerConfig;
  ctx: AppContext;
  testClock: AdjustableClock | undefined;
  oidcClients: ClientMetadata[];
  plugins: NonNullable<CreateServerOptions['plugins']>;
}

/** Registers the routes, in this order: JSON API, test routes, OpenID Connect, pages, extra plugins, /openapi.json. */
async function registerRoutes(
  app: FastifyInstance,
  services: Services,
  { config, ctx, testClock, oidcClients, plugins }: RouteSetup,
): Promise<OidcHandle> {
  const apiOptions = { services, secureCookies: config.secureCookies, testMode: config.testMode };
  await app.register(apiPlugin, apiOptions);
  if (testClock)
    await app.register(testRoutes, {
      services,
      clock: testClock,
      afterClockChange: () => services.auth.sweepDeletions(),
    });
  const clients = [
    ...(config.oidcClientsFile ? loadClientsFile(config.oidcClientsFile) : []),
    ...oidcClients.map(checkClient),
  ];
  const oidc = await registerOidc(app, {
    services,
    origin: () => ctx.options.origin,
    clients,
    testMode: config.testMode,
    secureCookies: config.secureCookies,
  });
  await app.register(pagesPlugin, {
    services,
    testMode: config.testMode,
    secureCookies: config.secureCookies,
    accountSections: (accountId, page) =>
      servicesSectionFor(oidc.provider(), oidc.repo, accountId, page),
  });
  for (const p of plugins) await p(app, services);

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return oidc;
}

/** Starts listening; the URL it answers on (an IPv6 host in brackets). */
async function listenOn(app: FastifyInstance, config: ServerConfig): Promise<string> {
  await app.listen({ host: config.host, port: config.port });
  const port = (app.server.address() as { port: number }).port;
  return `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
}

/** Builds (and by default starts) the server. */
export async function createServer(options: CreateServerOptions = {}): Promise<RunningServer> {
  const {
    listen = true,
    policy: policyOverrides,
    plugins = [],
    deletionDelayMs: delayOverride,
    originFromPort = 'localhost',
    logStream,
    oidcClients = [],
    ...rest
  } = options;
  const config = resolveConfig(rest);
  const deletionDelayMs = delayOverride ?? config.deletionDelayDays * 86_400_000;
  const testClock = config.testMode ? new AdjustableClock() : undefined;
  const clock: Clock = testClock ?? systemClock;
  const db = openStore(config);

  const app = createFastify(config, logStream);

  const ctx = createAppContext(
    app,
    config,
    db,
    clock,
    makePolicy({ deletionDelayMs, ...policyOverrides }),
    originFromPort,
  );
  const services = createServices(ctx);
  await services.approvals.hub.ready();
  // Compute the dummy hash for unknown-user logins now, so even the first such login costs the same.
  await ctx.hasher.burn('warm-up');

  await registerAppWide(app, config, services);
  const oidc = await registerRoutes(app, services, {
    config,
    ctx,
    testClock,
    oidcClients,
    plugins,
  });

  const sweeper = setInterval(() => services.auth.sweepDeletions(), 60_000);
  sweeper.unref();

  await app.ready();
  const url = listen ? await listenOn(app, config) : '';
  return {
    app,
    services,
    clock: testClock,
    db,
    config,
    oidc,
    get url() {
      return url;
    },
    get origin() {
      return ctx.options.origin;
    },
    close: closeOnce(app, services, db, sweeper),
  };
}
