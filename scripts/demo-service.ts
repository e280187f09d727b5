/**
 * `npm run demo-service`: a minimal "Online-Leistung" (online service) that logs its users in at the
 * reference Servicekonto with OpenID Connect — code flow with PKCE, state and nonce, an acr for the
 * Vertrauensniveau — and shows what came back (acr, verified_claims, withheld_claims). Small on
 * purpose: copy it as the start of your own relying party. Uses `openid-client`.
 *
 *   npm run server -- --test-mode --oidc-clients scripts/oidc-demo-clients.json
 *   npm run demo-service            # then open http://localhost:8788/
 *
 * Flags (env): --issuer (DEMO_ISSUER, default http://localhost:8787/oidc), --port (DEMO_PORT, 8788),
 * --client-id / --client-secret (DEMO_CLIENT_ID / DEMO_CLIENT_SECRET, defaults match the JSON file).
 */
import { createPublicKey, randomBytes, verify, type JsonWebKey } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import * as oc from 'openid-client';

const arg = (name: string, env: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return (i >= 0 ? process.argv[i + 1] : undefined) ?? process.env[env] ?? fallback;
};
const ISSUER = arg('issuer', 'DEMO_ISSUER', 'http://localhost:8787/oidc');
const PORT = Number(arg('port', 'DEMO_PORT', '8788'));
const CLIENT_ID = arg('client-id', 'DEMO_CLIENT_ID', 'demo-online-leistung');
const CLIENT_SECRET = arg(
  'client-secret',
  'DEMO_CLIENT_SECRET',
  'demo-secret-change-me-0123456789abcdef',
);
const BASE = `http://localhost:${PORT}`;
const LEVELS: Record<string, string> = {
  niedrig: 'http://eidas.europa.eu/LoA/low',
  substanziell: 'http://eidas.europa.eu/LoA/substantial',
  hoch: 'http://eidas.europa.eu/LoA/high',
};

/** What a started login remembers until the callback (keyed by a cookie; one process, in memory). */
interface Pending {
  verifier: string;
  state: string;
  nonce: string;
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (body: string): string =>
  `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Demo-Online-Leistung</title></head><body><h1>Demo-Online-Leistung</h1>${body}</body></html>`;

/** Checks a back-channel logout token (RS256 signature from the issuer's JWKS, iss, aud, event) and returns its sid. */
async function verifiedLogoutSid(
  config: oc.Configuration,
  token: string,
): Promise<string | undefined> {
  const [h = '', p = '', sig = ''] = token.split('.');
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as {
    alg?: string;
    kid?: string;
  };
  const meta = config.serverMetadata();
  if (header.alg !== 'RS256' || !meta.jwks_uri) return undefined;
  const { keys } = (await (await fetch(meta.jwks_uri)).json()) as {
    keys: (JsonWebKey & { kid?: string })[];
  };
  const jwk = keys.find((k) => k.kid === header.kid);
  if (
    !jwk ||
    !verify(
      'sha256',
      Buffer.from(`${h}.${p}`),
      createPublicKey({ key: jwk, format: 'jwk' }),
      Buffer.from(sig, 'base64url'),
    )
  )
    return undefined;
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as {
    iss?: string;
    aud?: string;
    sid?: string;
    events?: Record<string, unknown>;
  };
  const ok =
    claims.iss === meta.issuer &&
    claims.aud === CLIENT_ID &&
    claims.events?.['http://schemas.openid.net/event/backchannel-logout'] !== undefined;
  return ok ? claims.sid : undefined;
}

/** The signed-in users of this demo (keyed by the `demo` cookie; one process, in memory). */
type Sessions = Map<string, { idToken: string; claims: Record<string, unknown>; sid?: string }>;

/** Reads one cookie off a Cookie header. */
const cookie = (header: string | undefined, name: string): string | undefined =>
  header
    ?.split(';')
    .map((c) => c.trim().split('='))
    .find(([k]) => k === name)?.[1];

async function main(): Promise<void> {
  // http:// is fine on loopback for a demo; a real service talks to an https issuer.
  const config = await oc.discovery(new URL(ISSUER), CLIENT_ID, CLIENT_SECRET, undefined, {
    execute: [oc.allowInsecureRequests],
  });
  const sessions: Sessions = new Map();
  const app = Fastify({ logger: { level: 'info' } });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  loginRoutes(app, config, sessions);
  sessionRoutes(app, config, sessions);
  await app.listen({ host: '127.0.0.1', port: PORT });
  console.log(`Demo-Online-Leistung: open ${BASE}/ (issuer ${ISSUER}, client ${CLIENT_ID})`);
}

/** Login: /login sends the browser to the Servicekonto (PKCE, state, nonce, acr), /callback takes the code back. */
function loginRoutes(app: FastifyInstance, config: oc.Configuration, sessions: Sessions): void {
  const pending = new Map<string, Pending>();

  app.get('/login', async (request, reply) => {
    const level = String((request.query as Record<string, unknown>).level ?? 'substanziell');
    const p: Pending = {
      verifier: oc.randomPKCECodeVerifier(),
      state: oc.randomState(),
      nonce: oc.randomNonce(),
    };
    const key = randomBytes(16).toString('hex');
    pending.set(key, p);
    const url = oc.buildAuthorizationUrl(config, {
      redirect_uri: `${BASE}/callback`,
      scope: 'openid profile email',
      code_challenge: await oc.calculatePKCECodeChallenge(p.verifier),
      code_challenge_method: 'S256',
      state: p.state,
      nonce: p.nonce,
      acr_values: LEVELS[level] ?? LEVELS.substanziell ?? '',
    });
    return reply
      .header('set-cookie', `demo_login=${key}; HttpOnly; SameSite=Lax; Path=/`)
      .redirect(url.href, 303);
  });

  app.get('/callback', async (request, reply) => {
    const p = pending.get(cookie(request.headers.cookie, 'demo_login') ?? '');
    if (!p) return reply.status(400).type('text/html').send(page('<p>Unbekannte Anmeldung.</p>'));
    pending.delete(cookie(request.headers.cookie, 'demo_login') ?? '');
    try {
      const tokens = await oc.authorizationCodeGrant(config, new URL(request.url, BASE), {
        pkceCodeVerifier: p.verifier,
        expectedState: p.state,
        expectedNonce: p.nonce,
        idTokenExpected: true,
      });
      const claims = (tokens.claims() ?? {}) as Record<string, unknown>;
      const key = randomBytes(16).toString('hex');
      sessions.set(key, {
        idToken: tokens.id_token ?? '',
        claims,
        ...(typeof claims.sid === 'string' ? { sid: claims.sid } : {}),
      });
      return reply
        .header('set-cookie', `demo=${key}; HttpOnly; SameSite=Lax; Path=/`)
        .redirect('/', 303);
    } catch (e) {
      return reply
        .status(400)
        .type('text/html')
        .send(
          page(
            `<p>Anmeldung fehlgeschlagen: <code id="error">${esc((e as { error?: string }).error ?? (e as Error).message)}</code></p>`,
          ),
        );
    }
  });
}

/** What a signed-in user sees, logging out at the Servicekonto, and its back-channel logout. */
function sessionRoutes(app: FastifyInstance, config: oc.Configuration, sessions: Sessions): void {
  app.get('/', async (request, reply) => {
    const s = sessions.get(cookie(request.headers.cookie, 'demo') ?? '');
    const links = Object.keys(LEVELS)
      .map((l) => `<a href="/login?level=${l}">Anmelden (${l})</a>`)
      .join(' · ');
    const body = s
      ? `<p>Angemeldet. Vertrauensniveau (acr): <code id="acr">${esc(String(s.claims.acr))}</code></p><pre id="claims">${esc(JSON.stringify(s.claims, null, 2))}</pre><p><a href="/logout">Abmelden</a></p>`
      : `<p>${links}</p>`;
    return reply.type('text/html').send(page(body));
  });

  app.get('/logout', async (request, reply) => {
    const key = cookie(request.headers.cookie, 'demo') ?? '';
    const s = sessions.get(key);
    sessions.delete(key);
    if (!s) return reply.redirect('/', 303);
    return reply.redirect(
      oc.buildEndSessionUrl(config, {
        id_token_hint: s.idToken,
        post_logout_redirect_uri: `${BASE}/`,
      }).href,
      303,
    );
  });

  // Back-channel logout: the Servicekonto says a session ended; after checking the token, drop ours with the same sid.
  app.post('/backchannel-logout', async (request, reply) => {
    const token = String((request.body as Record<string, unknown> | undefined)?.logout_token ?? '');
    const sid = await verifiedLogoutSid(config, token).catch(() => undefined);
    if (!sid) return reply.status(400).send();
    for (const [k, s] of sessions) if (s.sid === sid) sessions.delete(k);
    return reply.status(200).send();
  });
}

void main();
