/**
 * Middleware around oidc-provider's routes that ties its sessions to the Servicekonto's: after a
 * login resumes, remember which service the Servicekonto session signed in to (back-channel logout
 * later); after an RP-initiated logout is confirmed, end the Servicekonto session too.
 */
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Services } from '../app';
import { cookieName, SESSION_COOKIE } from '../http/session-cookie';
import type { OidcRepo } from '../store/oidc-repo';

/** Adds the two hooks to the provider. */
export function registerProviderHooks(
  provider: Provider,
  services: Services,
  repo: OidcRepo,
  secureCookies: boolean,
): void {
  const sessionCookie = cookieName(SESSION_COOKIE, secureCookies);
  provider.use(async (ctx: KoaContextWithOIDC, next: () => Promise<void>) => {
    // Read before the provider runs: the confirm form is a same-site POST, so the Strict cookie is here.
    const token = ctx.cookies.get(sessionCookie);
    await next();
    const route = ctx.oidc?.route;
    if (route === 'resume') linkSession(ctx, repo, services.ctx.now());
    if (route === 'end_session_confirm' && ctx.oidc.params?.logout && token) {
      const found = services.sessions.peek(token);
      if (!found) return;
      // The provider has just notified the services of its session; do not notify them twice.
      repo.takeSessionLinks(found.stored.session.id);
      services.auth.logout(token, { ip: ctx.ip });
      // Raw header: koa refuses a Secure cookie on a plain-http hop behind a TLS proxy; the session is already over anyway.
      ctx.append(
        'Set-Cookie',
        `${sessionCookie}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${secureCookies ? '; Secure' : ''}`,
      );
    }
  });
}

/** Records (Servicekonto session, service) with the provider's sid and session, from the resumed login. */
function linkSession(ctx: KoaContextWithOIDC, repo: OidcRepo, now: number): void {
  const result = ctx.oidc.result as { servicekonto?: { sessionId?: unknown } } | undefined;
  const sessionId = result?.servicekonto?.sessionId;
  const session = ctx.oidc.session;
  const clientId = ctx.oidc.client?.clientId;
  if (typeof sessionId !== 'string' || !session?.accountId || !clientId) return;
  const sid = session.sidFor(clientId);
  const grantId = session.grantIdFor(clientId);
  if (!sid || !grantId) return;
  repo.linkSession(
    {
      sessionId,
      clientId,
      accountId: session.accountId,
      grantId,
      sid,
      providerSessionUid: session.uid,
    },
    now,
  );
}
