/**
 * The server-rendered pages (German and English, usable without JavaScript except WebAuthn). Every
 * route is a thin adapter: parse the form, call the service layer (server/app), render a template.
 * No rule and no SQL lives here. Errors are shown generically; an authentication failure never says
 * which factor failed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../app';
import { ServiceError, ThrottledError } from '../../app';
import type { SessionView } from '../../app/sessions';
import { TEST_IDENTITIES } from '../../means/eid-test-provider';
import { translator, type MessageKey } from '../../i18n';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../session-cookie';
import { preSessionToken, preSessionTokenValid } from './csrf';
import { installKey } from '../../store/secrets-repo';
import { trustedHtml, type SafeHtml } from './html';
import { isWebAuthnKind, kindOfSlug, REGISTRABLE_KINDS, type RegistrableKind } from './kinds';
import { formField, rememberLang, requestLang, safeNext, sendPage } from './request';
import { accountPage, type AccountVM } from './templates/account';
import { loginPage, messagePage, registeredPage, registerPage, REGISTER_ATTRIBUTES, stepUpPage, type AuthOptionVM } from './templates/auth';
import { blockPage, BLOCKABLE_KINDS, meansAuthPage, newMeansPage, totpSetupPage, webauthnSetupPage, type NewMeansOptionVM } from './templates/means';
import { deletePage, eidPage, outboxPage, verifyEmailPage, verifyLinkPage, type EidPurpose } from './templates/misc';
import type { Notice, PageContext } from './view';
import { atLeast, levelNeededFor, meansLevelFor, sessionLevel } from '../../domain';
import { desktopAppPages } from './desktop-app-pages';

/** What the pages plugin needs from the app setup. */
export interface PagesOptions {
  services: Services;
  testMode: boolean;
  secureCookies: boolean;
  /** Minimum password length shown as a hint (the service enforces it). */
  minPasswordLength?: number;
  /** Extra sections at the end of the account overview (the OIDC services with their consents). */
  accountSections?: (accountId: string, page: PageContext) => Promise<SafeHtml>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const ASSETS: Record<string, { file: string; type: string }> = {
  'pages.css': { file: path.join(here, 'assets', 'pages.css'), type: 'text/css; charset=utf-8' },
  'webauthn.js': { file: path.join(here, 'assets', 'webauthn.js'), type: 'text/javascript; charset=utf-8' },
  // The library's own UMD bundle from node_modules (no CDN): defines window.SimpleWebAuthnBrowser.
  'simplewebauthn-browser.js': {
    file: path.join(path.dirname(createRequire(import.meta.url).resolve('@simplewebauthn/browser')), '..', 'dist', 'bundle', 'index.umd.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
};
const WEBAUTHN_SCRIPTS = ['/assets/simplewebauthn-browser.js', '/assets/webauthn.js'];


/** Registers every page route on the app. */
export async function pagesPlugin(app: FastifyInstance, opts: PagesOptions): Promise<void> {
  const { services } = opts;
  // The session cookie is the http layer's (same cookie as the JSON API).
  const cookie = {
    read: (request: FastifyRequest): string | undefined => sessionToken(request),
    set: (reply: FastifyReply, token: string): void => setSessionCookie(reply, token, opts.secureCookies),
    clear: (reply: FastifyReply): void => clearSessionCookie(reply, opts.secureCookies),
  };
  const { sessions, auth, means, accounts, ctx } = services;
  const assetCache = new Map<string, Buffer>();
  // HMAC key of the pre-session CSRF tokens (per install, never leaves the data directory).
  const preCsrfKey = installKey(ctx.db, 'pre-session-csrf');

  const meta = (request: FastifyRequest): { ip: string } => ({ ip: request.ip });

  /** Builds the page context: language, CSRF token (session's or pre-session), who is logged in. */
  function pageContext(request: FastifyRequest, reply: FastifyReply, scripts?: string[]): PageContext {
    const { lang, chosen } = requestLang(request);
    if (chosen) rememberLang(reply, chosen, opts.secureCookies);
    const token = cookie.read(request);
    const found = sessions.peek(token);
    const csrfToken = found ? found.stored.csrfToken : preSessionToken(request, reply, opts.secureCookies, preCsrfKey, Date.now());
    const level = found ? sessionLevel(found.stored.session, found.account, ctx.now(), ctx.policy) : null;
    return {
      lang,
      t: translator(lang),
      testMode: opts.testMode,
      csrfToken,
      ...(found && level !== null ? { username: found.account.username } : {}),
      path: request.url.split('?')[0] ?? '/',
      ...(scripts ? { scripts } : {}),
    };
  }

  /** CSRF for every page POST: the session's token when there is a session, else the pre-session cookie. */
  function checkCsrf(request: FastifyRequest): void {
    const formToken = formField(request, '_csrf');
    const token = cookie.read(request);
    if (sessions.peek(token)) {
      sessions.checkCsrf(token, formToken);
      return;
    }
    if (!preSessionTokenValid(request, formToken, preCsrfKey, Date.now())) throw new ServiceError('csrf', 403);
  }

  /** Turns a service error into the right generic page (or a redirect to login). */
  function errorPage(request: FastifyRequest, reply: FastifyReply, e: unknown, back: string): FastifyReply {
    const c = pageContext(request, reply);
    if (e instanceof ThrottledError) return sendPage(reply, messagePage(c, { title: c.t('error.title'), text: c.t('error.throttled'), kind: 'error', link: { href: back, label: c.t('error.back') } }), 429);
    if (!(e instanceof ServiceError)) {
      request.log.error({ err: e }, 'page failed');
      return sendPage(reply, messagePage(c, { title: c.t('error.title'), text: c.t('error.internal'), kind: 'error' }), 500);
    }
    if (e.code === 'not-authenticated' || e.code === 'account-locked') return reply.redirect(`/login`, 303);
    if (e.code === 'csrf') return sendPage(reply, messagePage(c, { title: c.t('error.title'), text: c.t('error.csrf'), kind: 'error', link: { href: back, label: c.t('error.back') } }), 403);
    let text: string;
    if (e.code === 'insufficient-level') {
      const needed = String(e.params?.needed ?? '');
      text = c.t('error.level', { level: needed === 'password-first' ? c.t('kind.password') : c.t(`level.${needed}` as MessageKey) });
    } else if (e.code === 'authentication-failed') text = c.t('error.generic');
    else if (e.code === 'username-taken') text = c.t('error.usernameTaken');
    else if (e.code === 'means-dependent') text = c.t('error.meansDependent');
    else if (e.code === 'invalid-code' || e.code === 'verification-expired') text = c.t('error.codeWrong');
    else if (e.code === 'not-found' || e.code === 'unknown-means' || e.code === 'test-mode-only') text = c.t('error.notFound');
    else if (e.code === 'validation' && (e.params?.field === 'password' || e.params?.field === 'blockPassword')) text = c.t('error.weakPassword', { min: opts.minPasswordLength ?? 8 });
    else text = c.t('error.invalid');
    return sendPage(reply, messagePage(c, { title: c.t('error.title'), text, kind: 'error', link: { href: back, label: c.t('error.back') } }), e.status);
  }

  /**
   * Wraps a POST handler: CSRF first, then the action; errors become generic pages. The route opts
   * out of the app-wide CSRF hook (`csrf: false`) only because this wrapper does the same check plus
   * the pre-session double submit, and answers with the HTML error page instead of JSON.
   */
  function post(url: string, back: (request: FastifyRequest) => string, handler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | void> | FastifyReply | void): void {
    app.post(url, { config: { csrf: false } }, async (request, reply) => {
      try {
        checkCsrf(request);
        return await handler(request, reply);
      } catch (e) {
        return errorPage(request, reply, e, back(request));
      }
    });
  }

  /** Wraps a GET page; a missing session sends the user to the login page. */
  function get(url: string, handler: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | void> | FastifyReply | void): void {
    app.get(url, async (request, reply) => {
      try {
        return await handler(request, reply);
      } catch (e) {
        return errorPage(request, reply, e, '/');
      }
    });
  }

  const desktop = desktopAppPages({ services, get, post, pageContext, token: cookie.read, setCookie: cookie.set, meta });

  const param = (request: FastifyRequest, name: string): string => String((request.params as Record<string, unknown>)[name] ?? '');
  const query = (request: FastifyRequest, name: string): string | undefined => {
    const v = (request.query as Record<string, unknown> | undefined)?.[name];
    return typeof v === 'string' ? v : undefined;
  };

  // ---- static assets (served files: the CSP allows no inline script or style) ----
  app.get('/assets/:name', async (request, reply) => {
    const name = param(request, 'name');
    // Own keys only: 'constructor' or '__proto__' must be a 404, not Object.prototype's members (a 500).
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) return reply.status(404).send();
    let body = assetCache.get(asset.file);
    if (!body) {
      body = readFileSync(asset.file);
      assetCache.set(asset.file, body);
    }
    return reply.header('content-type', asset.type).header('cache-control', 'no-cache').send(body);
  });

  app.get('/', async (request, reply) => reply.redirect(sessions.peek(cookie.read(request)) ? '/account' : '/login', 303));

  // ---- create account (§3) ----
  get('/register', (request, reply) => sendPage(reply, registerPage(pageContext(request, reply), { minPasswordLength: opts.minPasswordLength ?? 8 })));
  post('/register', () => '/register', async (request, reply) => {
    const attributes: Record<string, string> = {};
    for (const a of REGISTER_ATTRIBUTES) {
      const v = formField(request, `attr.${a}`).trim();
      if (v) attributes[a] = v;
    }
    const username = formField(request, 'username');
    try {
      const created = await auth.createAccount({ username, password: formField(request, 'password'), blockPassword: formField(request, 'blockPassword'), attributes }, meta(request));
      cookie.set(reply, created.token);
      const c = pageContext(request, reply);
      return sendPage(reply, registeredPage({ ...c, username }, { username, deleteLevel: created.deletionNotice.levelNow, delayDays: created.deletionNotice.delayMs / 86_400_000 }));
    } catch (e) {
      if (!(e instanceof ServiceError) || e.code === 'csrf') throw e;
      // Re-show the form with what the user typed (never the passwords) and one generic hint.
      const c = pageContext(request, reply);
      const text =
        e.code === 'username-taken' ? c.t('error.usernameTaken') : e.code === 'validation' && (e.params?.field === 'password' || e.params?.field === 'blockPassword') ? c.t('error.weakPassword', { min: opts.minPasswordLength ?? 8 }) : c.t('error.invalid');
      return sendPage(reply, registerPage(c, { username, attributes, minPasswordLength: opts.minPasswordLength ?? 8, notices: [{ kind: 'error', text }] }), e.status);
    }
  });

  // ---- login (password), step-up with any registered means, logout ----
  get('/login', (request, reply) => {
    const c = pageContext(request, reply);
    const next = query(request, 'next');
    return sendPage(reply, loginPage(c, { ...(query(request, 'bye') ? { notices: [{ kind: 'ok', text: c.t('logout.done') }] } : {}), ...(next ? { next: safeNext(next) } : {}) }));
  });
  post('/login', () => '/login', async (request, reply) => {
    const username = formField(request, 'username');
    try {
      const issued = await auth.login({ username, password: formField(request, 'password') }, meta(request));
      cookie.set(reply, issued.token);
      // A login for someone else (an online service's OIDC interaction) goes back there; it decides on step-up.
      const next = formField(request, 'next');
      if (next) return reply.redirect(safeNext(next), 303);
      const found = sessions.peek(issued.token);
      const others = found?.account.means.some((m) => m.kind !== 'password' && m.status === 'active');
      return reply.redirect(others ? '/auth?next=%2Faccount' : '/account', 303);
    } catch (e) {
      if (!(e instanceof ServiceError) || e.code !== 'authentication-failed') throw e;
      const c = pageContext(request, reply);
      const next = formField(request, 'next');
      return sendPage(reply, loginPage(c, { username, notices: [{ kind: 'error', text: c.t('error.generic') }], ...(next ? { next: safeNext(next) } : {}) }), 401);
    }
  });
  post('/logout', () => '/', (request, reply) => {
    auth.logout(cookie.read(request), meta(request));
    cookie.clear(reply);
    return reply.redirect('/login?bye=1', 303);
  });

  /** Options to authenticate with now: active means other than the password. */
  function authOptions(request: FastifyRequest, sentFor?: string): AuthOptionVM[] {
    const ov = accounts.overview(cookie.read(request));
    return ov.means
      .filter((m) => m.status === 'active' && m.kind !== 'password' && m.kind !== 'email-otp')
      .map((m) => ({ id: m.id, kind: m.kind, label: m.label ?? '', level: m.level, smsSent: sentFor === m.id }));
  }

  get('/auth', async (request, reply) => {
    const next = safeNext(query(request, 'next'));
    const ov = accounts.overview(cookie.read(request));
    const options = await desktop.withDesktopQr(request, authOptions(request, query(request, 'sent')));
    const c = pageContext(request, reply, options.some((o) => isWebAuthnKind(o.kind)) ? WEBAUTHN_SCRIPTS : undefined);
    return sendPage(reply, stepUpPage(c, { sessionLevel: ov.session.level ?? undefined, options, next }));
  });
  post('/auth/:meansId', (request) => `/auth?next=${encodeURIComponent(safeNext(query(request, 'next')))}`, async (request, reply) => {
    const issued = await auth.authenticate(cookie.read(request), param(request, 'meansId'), proofFrom(request), meta(request));
    cookie.set(reply, issued.token);
    return reply.redirect(safeNext(query(request, 'next')), 303);
  });

  /** The proof fields a means form sends (code or WebAuthn JSON). */
  function proofFrom(request: FastifyRequest): { code?: string; response?: never } {
    const code = formField(request, 'code').replace(/\s+/g, '');
    const response = formField(request, 'response');
    if (response) {
      try {
        return { response: JSON.parse(response) as never };
      } catch {
        return {};
      }
    }
    return code ? { code } : {};
  }

  // SMS code for step-up/confirmation/unblocking, then back to the page that asked.
  post('/sms/send', (request) => safeNext(formField(request, 'back')), async (request, reply) => {
    const meansId = formField(request, 'meansId');
    await means.challenge(cookie.read(request), meansId);
    const back = safeNext(formField(request, 'back'));
    return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}sent=${encodeURIComponent(meansId)}`, 303);
  });

  // WebAuthn assertion options, fetched by webauthn.js per click (CSRF-checked like any form).
  post('/means/:id/webauthn-options', () => '/account', async (request, reply) => {
    const ch = await means.challenge(cookie.read(request), param(request, 'id'));
    if (ch.kind !== 'webauthn') throw new ServiceError('not-applicable', 409);
    return reply.header('cache-control', 'no-store').send(ch.options);
  });

  // ---- account overview ----
  get('/account', async (request, reply) => {
    const token = cookie.read(request);
    const ov = accounts.overview(token);
    const c = pageContext(request, reply);
    const done = query(request, 'done');
    const notices: Notice[] = [];
    if (done && ['blocked', 'unblocked', 'removed', 'confirmed'].includes(done)) notices.push({ kind: 'ok', text: c.t(`means.done.${done}` as MessageKey) });
    if (done === 'email') notices.push({ kind: 'ok', text: c.t('email.done') });
    if (done === 'eid') notices.push({ kind: 'ok', text: c.t('eid.done') });
    if (done === 'reconfirmed') notices.push({ kind: 'ok', text: c.t('account.reconfirmDone') });
    if (done === 'services') notices.push({ kind: 'ok', text: c.t('account.consentRevoked') });
    const extra = opts.accountSections ? await opts.accountSections(ov.id, c) : undefined;
    const vm: AccountVM = {
      username: ov.username,
      maxLevel: ov.maxLevel ?? 'niedrig',
      session: {
        level: ov.session.level ?? undefined,
        ...(ov.session.downgradedFrom ? { downgradedFrom: ov.session.downgradedFrom } : {}),
        idleRemainingMs: (ov.session.levelRemainingSeconds ?? 0) * 1000,
        absoluteRemainingMs: (ov.session.remainingSeconds ?? 0) * 1000,
      },
      attributes: ov.attributes.map((a) => ({ name: a.name, value: a.value, level: a.level, needsConfirmation: a.needsReconfirmation })),
      means: ov.means.map((m) => ({
        id: m.id,
        kind: m.kind,
        label: m.label ?? '',
        level: m.level,
        status: m.status === 'removed' ? 'blocked' : m.status,
        ...(m.lastUsedAt !== null ? { lastUsedAt: m.lastUsedAt } : {}),
        removable: m.kind !== 'password',
      })),
      sessions: ov.sessions.map((s: SessionView) => ({ current: !!s.current, level: s.level ?? undefined, startedAt: s.createdAt, remainingMs: (s.levelRemainingSeconds ?? 0) * 1000 })),
      ...(ov.deletionPending ? { deletionDueAt: ov.deletionPending.eraseAt } : {}),
      hasUnverifiedEmail: ov.attributes.some((a) => a.name === 'email' && a.level === 'basisregistrierung'),
      notices,
      ...(extra ? { extra } : {}),
    };
    return sendPage(reply, accountPage(c, vm));
  });

  // §5.1: settle one attribute flagged after an eID takeover (keep it, or delete it as "not mine").
  post('/attributes/:name/reconfirm', () => '/account', (request, reply) => {
    const name = param(request, 'name');
    const answer = formField(request, 'answer');
    if (answer !== 'confirm' && answer !== 'reject') throw new ServiceError('validation', 400);
    accounts.settleAttributes(cookie.read(request), answer === 'confirm' ? { confirm: [name] } : { reject: [name] }, meta(request));
    return reply.redirect('/account?done=reconfirmed', 303);
  });

  // ---- register / confirm / block / unblock / remove means (§4.2, §4.4) ----
  get('/means/new', (request, reply) => {
    const token = cookie.read(request);
    const found = sessions.require(token);
    const level = found.level;
    const kinds: (RegistrableKind | 'eid' | 'desktop-app')[] = [...Object.values(REGISTRABLE_KINDS), 'desktop-app', ...(opts.testMode ? (['eid'] as const) : [])];
    const options: NewMeansOptionVM[] = kinds.map((k) => {
      const lvl = meansLevelFor(ctx.policy, k);
      const required = levelNeededFor(found.account, lvl);
      return { kind: k, level: lvl, requiredLevel: required, allowed: k === 'eid' || atLeast(level, required) };
    });
    return sendPage(reply, newMeansPage(pageContext(request, reply), { options }));
  });
  post('/means/new/:slug', () => '/means/new', async (request, reply) => {
    const kind = kindOfSlug(param(request, 'slug'));
    if (!kind) throw new ServiceError('not-found', 404);
    const label = formField(request, 'label').trim().slice(0, 64);
    const phone = formField(request, 'phone').trim();
    const reg = await means.register(cookie.read(request), { kind, ...(label ? { label } : {}), ...(phone ? { phone } : {}) }, meta(request));
    if (reg.totp) {
      return sendPage(reply, totpSetupPage(pageContext(request, reply), { meansId: reg.meansId, qrSvg: trustedHtml(reg.totp.qrSvg), uri: reg.totp.otpauthUri, level: reg.level }));
    }
    if (reg.creationOptions && isWebAuthnKind(kind)) {
      return sendPage(
        reply,
        webauthnSetupPage(pageContext(request, reply, WEBAUTHN_SCRIPTS), { kind, meansId: reg.meansId, label, optionsJson: JSON.stringify(reg.creationOptions), level: reg.level }),
      );
    }
    return reply.redirect(`/means/${encodeURIComponent(reg.meansId)}/confirm?sent=${encodeURIComponent(reg.meansId)}`, 303);
  });
  post('/means/new/:slug/finish', () => '/means/new', async (request, reply) => {
    const meansId = formField(request, 'meansId');
    const proof = proofFrom(request);
    if (!proof.response) throw new ServiceError('validation', 400);
    await means.webauthnRegistration(cookie.read(request), meansId, proof.response, meta(request));
    return reply.redirect(`/means/${encodeURIComponent(meansId)}/confirm`, 303);
  });

  function meansOption(request: FastifyRequest, id: string): AuthOptionVM {
    const ov = accounts.overview(cookie.read(request));
    const m = ov.means.find((x) => x.id === id);
    if (!m) throw new ServiceError('unknown-means', 404);
    return { id: m.id, kind: m.kind, label: m.label ?? '', level: m.level, smsSent: query(request, 'sent') === m.id };
  }

  get('/means/:id/confirm', async (request, reply) => {
    const option = meansOption(request, param(request, 'id'));
    if (option.kind === 'desktop-app') return desktop.confirmPage(request, reply, option);
    const c = pageContext(request, reply, isWebAuthnKind(option.kind) ? WEBAUTHN_SCRIPTS : undefined);
    return sendPage(reply, meansAuthPage(c, { mode: 'confirm', option }));
  });
  post('/means/:id/confirm', (request) => `/means/${encodeURIComponent(param(request, 'id'))}/confirm`, async (request, reply) => {
    const issued = await auth.authenticate(cookie.read(request), param(request, 'id'), proofFrom(request), meta(request));
    cookie.set(reply, issued.token);
    return reply.redirect('/account?done=confirmed', 303);
  });
  post('/means/:id/block', () => '/account', (request, reply) => {
    means.block(cookie.read(request), param(request, 'id'), meta(request));
    return reply.redirect('/account?done=blocked', 303);
  });
  get('/means/:id/unblock', (request, reply) => {
    const option = meansOption(request, param(request, 'id'));
    const found = sessions.require(cookie.read(request));
    const c = pageContext(request, reply, isWebAuthnKind(option.kind) ? WEBAUTHN_SCRIPTS : undefined);
    return sendPage(reply, meansAuthPage(c, { mode: 'unblock', option, requiredLevel: option.level, levelMissing: !atLeast(found.level, option.level) }));
  });
  post('/means/:id/unblock', (request) => `/means/${encodeURIComponent(param(request, 'id'))}/unblock`, async (request, reply) => {
    const issued = await means.unblock(cookie.read(request), param(request, 'id'), proofFrom(request), meta(request));
    cookie.set(reply, issued.token);
    return reply.redirect('/account?done=unblocked', 303);
  });
  post('/means/:id/remove', () => '/account', (request, reply) => {
    means.remove(cookie.read(request), param(request, 'id'), meta(request));
    return reply.redirect('/account?done=removed', 303);
  });

  // ---- public block-password form (§4.4: block without using the means, no login) ----
  get('/block', (request, reply) => sendPage(reply, blockPage(pageContext(request, reply), {})));
  post('/block', () => '/block', async (request, reply) => {
    const username = formField(request, 'username');
    const blockPassword = formField(request, 'blockPassword');
    const kind = formField(request, 'kind');
    const c = pageContext(request, reply);
    if (kind !== 'all' && !(BLOCKABLE_KINDS as readonly string[]).includes(kind)) throw new ServiceError('validation', 400);
    try {
      // One service call: the block password is checked once, whatever the kind (§4.4).
      await auth.blockWithPassword({ username, blockPassword, kind: kind as (typeof BLOCKABLE_KINDS)[number] | 'all' }, meta(request));
    } catch (e) {
      if (!(e instanceof ServiceError) || e.code !== 'authentication-failed') throw e;
      return sendPage(reply, blockPage(c, { username, notices: [{ kind: 'error', text: c.t('error.generic') }] }), 401);
    }
    return sendPage(reply, messagePage(c, { title: c.t('block.title'), text: c.t('block.done'), kind: 'ok', link: { href: '/login', label: c.t('nav.login') } }));
  });

  // ---- verify e-mail (§5.1: code from the outbox, or the link from the e-mail) ----
  get('/verify-email', (request, reply) => {
    const token = cookie.read(request);
    const v = query(request, 'v');
    const verificationId = v && /^[A-Za-z0-9-]{1,64}$/.test(v) ? v : undefined;
    const linkCode = query(request, 'code');
    const code = linkCode && /^\d{8}$/.test(linkCode) ? linkCode : undefined;
    // The e-mail link (/verify-email?v=ID&code=CODE) may be opened without a session, e.g. on a phone:
    // show the code prefilled with a confirm button. The code is the proof, as in POST /api/verifications/{id}/confirm.
    if (verificationId && (code || !sessions.peek(token))) {
      return sendPage(reply, verifyLinkPage(pageContext(request, reply), { verificationId, ...(code ? { code } : {}) }));
    }
    const ov = accounts.overview(token);
    const email = ov.attributes.find((a) => a.name === 'email')?.value;
    return sendPage(reply, verifyEmailPage(pageContext(request, reply), { ...(email ? { email } : {}), sent: !!verificationId, verificationId }));
  });
  post('/verify-email/send', () => '/verify-email', (request, reply) => {
    const token = cookie.read(request);
    const ov = accounts.overview(token);
    const email = ov.attributes.find((a) => a.name === 'email')?.value;
    if (!email) throw new ServiceError('validation', 400);
    const v = accounts.startVerification(token, { attribute: 'email', value: email, method: 'email-code' }, meta(request));
    return reply.redirect(`/verify-email?v=${encodeURIComponent(v.verificationId)}`, 303);
  });
  post('/verify-email', (request) => `/verify-email?v=${encodeURIComponent(formField(request, 'verificationId'))}`, (request, reply) => {
    // No session needed: the code is the proof (asynchronous confirmation, §5.1); 5 wrong codes void it.
    accounts.confirmVerification({ verificationId: formField(request, 'verificationId'), code: formField(request, 'code').replace(/\s+/g, '') }, meta(request));
    if (sessions.peek(cookie.read(request))) return reply.redirect('/account?done=email', 303);
    const c = pageContext(request, reply);
    return sendPage(reply, messagePage(c, { title: c.t('email.title'), text: c.t('email.done'), kind: 'ok', link: { href: '/login', label: c.t('nav.login') } }));
  });

  // ---- test eID (test mode only): pick a Mustermann identity ----
  if (opts.testMode) {
    const purposeOf = (v: string | undefined): EidPurpose => (v === 'verify' || v === 'register' ? v : 'authenticate');
    const identities = TEST_IDENTITIES.map((i) => ({
      id: i.id,
      givenNames: i.attributes.givenNames ?? '',
      familyName: i.attributes.familyName ?? '',
      dateOfBirth: i.attributes.dateOfBirth ?? '',
      placeOfBirth: i.attributes.placeOfBirth ?? '',
    }));
    get('/eid', (request, reply) =>
      sendPage(reply, eidPage(pageContext(request, reply), { purpose: purposeOf(query(request, 'purpose')), then: safeNext(query(request, 'then')), identities })),
    );
    post('/eid/start', () => '/account', (request, reply) => {
      const purpose = purposeOf(formField(request, 'purpose'));
      return reply.redirect(`/eid?purpose=${purpose}&then=${encodeURIComponent(safeNext(formField(request, 'then')))}`, 303);
    });
    post('/eid', () => '/eid', async (request, reply) => {
      const purpose = purposeOf(formField(request, 'purpose'));
      const identity = formField(request, 'identity');
      const token = cookie.read(request);
      if (purpose === 'verify') {
        accounts.verifyEid(token, identity, meta(request));
        return reply.redirect('/account?done=eid', 303);
      }
      if (purpose === 'register') {
        const issued = await means.registerEid(token, identity, meta(request));
        cookie.set(reply, issued.token);
        return reply.redirect('/account?done=confirmed', 303);
      }
      // authenticate: step-up inside a session with the registered eID, or eID-only login without one.
      const found = sessions.peek(token);
      const eidMeans = found?.account.means.find((m) => m.kind === 'eid' && m.status === 'active');
      if (found && eidMeans) {
        const issued = await auth.authenticate(token, eidMeans.id, { testIdentity: identity }, meta(request));
        cookie.set(reply, issued.token);
      } else {
        const issued = accounts.eidLogin(identity, meta(request));
        cookie.set(reply, issued.token);
      }
      return reply.redirect(safeNext(formField(request, 'then')), 303);
    });
  }

  // ---- delete account (§7) ----
  get('/delete', (request, reply) => {
    const ov = accounts.overview(cookie.read(request));
    const required = ov.deletion.levelNow;
    return sendPage(reply, deletePage(pageContext(request, reply), { requiredLevel: required, allowed: atLeast(ov.session.level, required), delayDays: ctx.policy.deletionDelayMs / 86_400_000 }));
  });
  post('/delete', () => '/delete', (request, reply) => {
    if (formField(request, 'confirm') !== 'yes') throw new ServiceError('validation', 400);
    const delayed = formField(request, 'when') === 'delayed';
    const r = accounts.delete(cookie.read(request), delayed ? 'delayed' : 'immediate', meta(request));
    cookie.clear(reply);
    const c = pageContext(request, reply);
    const text = r.erased ? c.t('delete.done') : c.t('delete.scheduled', { date: new Date(r.eraseAt ?? 0).toISOString().slice(0, 10) });
    return sendPage(reply, messagePage({ ...c, username: undefined }, { title: c.t('delete.title'), text, kind: 'ok' }));
  });

  // ---- SMS and e-mail outboxes (test mode only): the tester's phone and mailbox ----
  if (opts.testMode) {
    for (const channel of ['sms', 'email'] as const) {
      get(`/outbox/${channel}`, (request, reply) => sendPage(reply, outboxPage(pageContext(request, reply), { channel, messages: ctx.outbox.messages(channel) })));
    }
  }
}
