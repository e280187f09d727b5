/**
 * The oidc-provider configuration of the Servicekonto: authorization code + PKCE (S256) only, signed
 * ID tokens (RS256, never `none`), userinfo, RP-initiated and back-channel logout, acr values for the
 * Vertrauensniveaus, every model in SQLite. The provider never authenticates anyone itself: each
 * authorisation request goes through the server's own login and step-up pages (interaction.ts).
 */
import Provider, {
  interactionPolicy,
  type ClientMetadata,
  type Configuration,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import type { Db } from '../store/db';
import type { OidcRepo } from '../store/oidc-repo';
import { sqliteAdapter } from '../store/oidc-adapter';
import { ACR_VALUES_SUPPORTED } from './acr';
import { PROVIDER_CLAIMS, releaseClaims, SCOPE_ATTRIBUTES, type Release } from './claims';
import { currentKeys } from './keys';
import { logoutPage, errorPage, loggedOutPage } from './provider-pages';

/** Where the provider's routes are mounted; the issuer is `<origin>/oidc`. */
export const OIDC_PREFIX = '/oidc';
/** The interaction (login/step-up/consent) route; lives outside the provider, on the server's pages. */
export const INTERACTION_PATH = '/interaction';

/** What building the provider needs. */
export interface ProviderDeps {
  db: Db;
  repo: OidcRepo;
  issuer: string;
  clients: ClientMetadata[];
  /** Key for the provider's signed cookies (per install). */
  cookieKey: string;
  secureCookies: boolean;
  /** Account lookup: the provider only needs to know whether the subject still exists. */
  accountExists: (id: string) => boolean;
  /** Test mode (loopback only): back-channel logout may reach services on loopback addresses. */
  testMode: boolean;
}

/**
 * The provider's outgoing requests (back-channel logout): its SSRF guard refuses loopback and
 * private addresses; in test mode, which binds to loopback only, a tester's service on 127.0.0.1 must
 * be reachable, so the guard's dispatcher is dropped there. Normal mode keeps it.
 */
function loopbackFetch(
  url: URL | string,
  options: RequestInit & { dispatcher?: unknown },
): Promise<Response> {
  const { dispatcher: _guard, ...rest } = options;
  return globalThis.fetch(url, rest);
}

/** Token and session lifetimes (seconds). Sessions never outlive Table 2's 12 h; codes are short. */
export const OIDC_TTL = {
  AccessToken: 600,
  AuthorizationCode: 60,
  IdToken: 600,
  Interaction: 3600,
  Session: 12 * 3600,
  Grant: 12 * 3600,
};

/**
 * The login prompt always asks for an interaction unless one was just resolved: the Servicekonto
 * session (SameSite=Strict cookie, Table 2 downgrades) is the only truth about who is logged in at
 * which level, and the provider cannot see it on a cross-site request. So `prompt=none` answers
 * `login_required`, and every code comes from a fresh look at the real session.
 */
function interactions(): NonNullable<Configuration['interactions']> {
  const policy = interactionPolicy.base();
  const login = policy.get('login');
  if (!login) throw new Error('oidc-provider lost its login prompt');
  login.checks.add(
    new interactionPolicy.Check(
      'servicekonto_session',
      'the Servicekonto session is checked on every request',
      (ctx) =>
        ctx.oidc.result?.login
          ? interactionPolicy.Check.NO_NEED_TO_PROMPT
          : interactionPolicy.Check.REQUEST_PROMPT,
    ),
  );
  return { policy, url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}` };
}

/** Builds the provider (not yet mounted). */
export function createProvider(deps: ProviderDeps): Provider {
  const keys = currentKeys(deps.repo, Date.now());
  const cookie = { httpOnly: true, sameSite: 'lax' as const, secure: deps.secureCookies };
  const config: Configuration = {
    adapter: sqliteAdapter(deps.db),
    clients: deps.clients,
    findAccount: async (ctx, sub, token) => {
      if (!deps.accountExists(sub)) return undefined;
      return {
        accountId: sub,
        claims: async () => {
          const grantId = token?.grantId ?? ctx.oidc.entities.Grant?.jti;
          const release = grantId
            ? (deps.repo.release(grantId, Date.now()) as Release | undefined)
            : undefined;
          return release ? releaseClaims(sub, release) : { sub };
        },
      };
    },
    claims: PROVIDER_CLAIMS as Configuration['claims'],
    scopes: ['openid', ...Object.keys(SCOPE_ATTRIBUTES)],
    acrValues: [...ACR_VALUES_SUPPORTED],
    // Claims go into the ID token too (not only userinfo), so a service can read the levels from it.
    conformIdTokenClaims: false,
    allowOmittingSingleRegisteredRedirectUri: false,
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: logoutPage,
        postLogoutSuccessSource: loggedOutPage,
      },
      userinfo: { enabled: true },
      revocation: { enabled: true },
    },
    pkce: { required: () => true },
    responseTypes: ['code'],
    enabledJWA: {
      idTokenSigningAlgValues: ['RS256'],
      userinfoSigningAlgValues: ['RS256'],
      requestObjectSigningAlgValues: ['RS256', 'PS256', 'ES256'],
    },
    clientDefaults: {
      grant_types: ['authorization_code'],
      response_types: ['code'],
      id_token_signed_response_alg: 'RS256',
      token_endpoint_auth_method: 'client_secret_basic',
    },
    jwks: { keys: keys.map((k) => k.jwk) as never },
    cookies: { keys: [deps.cookieKey], long: cookie, short: cookie },
    interactions: interactions(),
    ttl: OIDC_TTL,
    // No refresh tokens: a service could otherwise keep access past the session's Table 2 limits.
    issueRefreshToken: async () => false,
    renderError: errorPage,
    ...(deps.testMode ? { fetch: loopbackFetch as Configuration['fetch'] } : {}),
  };
  const provider = new Provider(deps.issuer, config);
  provider.use(providerHeaders);
  return provider;
}

/** Security headers on the provider's own answers (they bypass fastify's onSend hook). */
async function providerHeaders(ctx: KoaContextWithOIDC, next: () => Promise<void>): Promise<void> {
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('X-Frame-Options', 'DENY');
  ctx.set('Referrer-Policy', 'no-referrer');
  // script-src lets oidc-provider add the hash of its one inline form_post script; nothing else runs.
  ctx.set(
    'Content-Security-Policy',
    "default-src 'none'; script-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'",
  );
  await next();
}
