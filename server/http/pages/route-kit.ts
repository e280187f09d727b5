/**
 * The route kit every page area uses (issue #8): the page context (language, CSRF token, who is
 * logged in, the flash of the last redirect), CSRF for every form POST, GET/POST wrappers, and the
 * one table that turns a service error into page words. Form POSTs always end in 303 See Other
 * (post/redirect/get, flash.ts); only a refused CSRF token and an internal error render directly.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../app';
import { isCodedError, ServiceError, ThrottledError, type CodedError } from '../../app';
import { sessionLevel } from '../../domain';
import { translator, type MessageKey, type Translate } from '../../i18n';
import { installKey } from '../../store/secrets-repo';
import { statusOf } from '../error-status';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../session-cookie';
import { preSessionToken, preSessionTokenValid } from './csrf';
import { FlashCookies, type Flash, type FlashText } from './flash';
import { formField, rememberLang, requestLang, sendPage } from './request';
import { messagePage } from './templates/auth';
import type { FieldErrors, Notice, PageContext } from './view';

/** A page route handler. */
export type PageHandler = (
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<FastifyReply | void> | FastifyReply | void;

/** What every page area gets to register its routes with. */
export interface PageKit {
  services: Services;
  testMode: boolean;
  /** Minimum password length shown as a hint (the service enforces it). */
  minPasswordLength: number;
  /** A GET page; errors render the generic error page (a missing session redirects to login). */
  get(url: string, handler: PageHandler): void;
  /** A form POST: CSRF first; a service error redirects to `back` with the error as a notice. */
  post(url: string, back: (request: FastifyRequest) => string, handler: PageHandler): void;
  pageContext(request: FastifyRequest, reply: FastifyReply, scripts?: string[]): PageContext;
  /** 303 See Other to `url`, carrying notices, field errors and safe values to that page. */
  redirect(reply: FastifyReply, url: string, flash?: Flash): FastifyReply;
  token(request: FastifyRequest): string | undefined;
  setCookie(reply: FastifyReply, token: string): void;
  clearCookie(reply: FastifyReply): void;
  meta(request: FastifyRequest): { ip: string };
  param(request: FastifyRequest, name: string): string;
  query(request: FastifyRequest, name: string): string | undefined;
}

/** The words for a service error on a page (never which factor failed). */
export function errorText(e: CodedError | ThrottledError, minPasswordLength: number): FlashText {
  if (e instanceof ThrottledError) return { key: 'error.throttled' };
  const needed = String(e.params?.needed ?? '');
  if (e.code === 'insufficient-level')
    return {
      key: 'error.level',
      params: { level: needed === 'password-first' ? 'kind.password' : `level.${needed}` },
    };
  if (
    e.code === 'validation' &&
    (e.params?.field === 'password' || e.params?.field === 'blockPassword')
  ) {
    return e.params.reason === 'same-as-password'
      ? { key: 'error.blockSame' }
      : { key: 'error.weakPassword', params: { min: minPasswordLength } };
  }
  const table: Partial<Record<string, MessageKey>> = {
    'authentication-failed': 'error.generic',
    'username-taken': 'error.usernameTaken',
    'means-dependent': 'error.meansDependent',
    'invalid-code': 'error.codeWrong',
    'verification-expired': 'error.codeWrong',
    'not-found': 'error.notFound',
    'unknown-means': 'error.notFound',
    'test-mode-only': 'error.notFound',
    // Online approval: 3 unanswered requests for the name already (approval-service.ts).
    'too-many-attempts': 'error.throttled',
    csrf: 'error.csrf',
  };
  return { key: table[e.code] ?? 'error.invalid' };
}

/** Translates a flash text; a `{level}` parameter naming a message key is translated too. */
function translate(t: Translate, text: FlashText): string {
  const params = Object.fromEntries(
    Object.entries(text.params ?? {}).map(([k, v]) => [
      k,
      k === 'level' ? t(String(v) as MessageKey) : v,
    ]),
  );
  return t(text.key, params);
}

/** What building a page context needs. */
interface PageContextDeps {
  services: Services;
  testMode: boolean;
  secureCookies: boolean;
  /** HMAC key of the pre-session CSRF tokens. */
  preCsrfKey: Buffer;
  flash: FlashCookies;
}

/**
 * The page context of a request: its language (remembered when chosen), the CSRF token (the session's,
 * else a pre-session one), who is logged in, and what the last redirect carried (flash).
 */
function buildPageContext(
  deps: PageContextDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  scripts?: string[],
): PageContext {
  const { lang, chosen } = requestLang(request);
  if (chosen) rememberLang(reply, chosen, deps.secureCookies);
  const found = deps.services.sessions.peek(sessionToken(request));
  const csrfToken = found
    ? found.stored.csrfToken
    : preSessionToken(request, reply, deps.secureCookies, deps.preCsrfKey, Date.now());
  const level = found
    ? sessionLevel(
        found.stored.session,
        found.account,
        deps.services.ctx.now(),
        deps.services.ctx.policy,
      )
    : null;
  const t = translator(lang);
  const carried = deps.flash.take(request, reply);
  const errors: FieldErrors = Object.fromEntries(
    Object.entries(carried?.errors ?? {}).map(([id, text]) => [id, translate(t, text)]),
  );
  const notices: Notice[] = (carried?.notices ?? []).map((n) => ({
    kind: n.kind,
    text: translate(t, n),
  }));
  return {
    lang,
    t,
    testMode: deps.testMode,
    csrfToken,
    ...(found && level !== null ? { username: found.account.username } : {}),
    path: request.url.split('?')[0] ?? '/',
    ...(scripts ? { scripts } : {}),
    errors,
    values: carried?.values ?? {},
    flashNotices: notices,
  };
}

/** Renders the generic error page in the page context `c` (GETs, a refused CSRF token, an internal error). */
function renderErrorPage(
  c: PageContext,
  request: FastifyRequest,
  reply: FastifyReply,
  e: unknown,
  back: string,
  minPasswordLength: number,
): FastifyReply {
  const link = { href: back, label: c.t('error.back') };
  if (!isCodedError(e) && !(e instanceof ThrottledError)) {
    request.log.error({ err: e }, 'page failed');
    return sendPage(
      reply,
      messagePage(c, { title: c.t('error.title'), text: c.t('error.internal'), kind: 'error' }),
      500,
    );
  }
  const code = e instanceof ThrottledError ? 'too-many-attempts' : e.code;
  if (code === 'not-authenticated' || code === 'account-locked')
    return reply.redirect('/login', 303);
  const text = translate(c.t, errorText(e, minPasswordLength));
  return sendPage(
    reply,
    messagePage(c, { title: c.t('error.title'), text, kind: 'error', link }),
    statusOf(code),
  );
}

/** What the GET/POST wrappers need from the kit. */
interface WrapperDeps {
  checkCsrf: (request: FastifyRequest) => void;
  errorPage: (
    request: FastifyRequest,
    reply: FastifyReply,
    e: unknown,
    back: string,
  ) => FastifyReply;
  flash: FlashCookies;
  minPasswordLength: number;
}

/** The kit's GET and POST: a GET's error renders the error page, a POST's service error redirects back with a notice. */
function routeWrappers(
  app: FastifyInstance,
  { checkCsrf, errorPage, flash, minPasswordLength }: WrapperDeps,
): Pick<PageKit, 'get' | 'post'> {
  return {
    get(url, handler) {
      app.get(url, async (request, reply) => {
        try {
          return await handler(request, reply);
        } catch (e) {
          return errorPage(request, reply, e, '/');
        }
      });
    },
    // The route opts out of the app-wide CSRF hook (`csrf: false`) only because this wrapper does the
    // same check plus the pre-session double submit, and answers with a page instead of JSON.
    post(url, back, handler) {
      app.post(url, { config: { csrf: false } }, async (request, reply) => {
        try {
          checkCsrf(request);
          return await handler(request, reply);
        } catch (e) {
          const expected =
            (isCodedError(e) && !isCodedError(e, 'csrf', 'not-authenticated', 'account-locked')) ||
            e instanceof ThrottledError;
          if (!expected) return errorPage(request, reply, e, back(request));
          return flash.redirect(reply, back(request), {
            notices: [{ kind: 'error', ...errorText(e, minPasswordLength) }],
          });
        }
      });
    },
  };
}

/** Builds the kit on `app` (the pages plugin's encapsulated instance). */
export function createPageKit(
  app: FastifyInstance,
  opts: {
    services: Services;
    testMode: boolean;
    secureCookies: boolean;
    minPasswordLength?: number;
  },
): PageKit {
  const { services } = opts;
  const { sessions, ctx } = services;
  const minPasswordLength = opts.minPasswordLength ?? 8;
  // HMAC key of the pre-session CSRF tokens and AES key of the flash cookie (per install, never leave the data directory).
  const preCsrfKey = installKey(ctx.db, 'pre-session-csrf');
  const flash = new FlashCookies(
    installKey(ctx.db, 'page-flash'),
    opts.secureCookies,
    Date.now,
    (id, until, now) => ctx.ephemeral.claim('flash', id, until, now),
  );
  const token = (request: FastifyRequest): string | undefined => sessionToken(request);

  const contextDeps: PageContextDeps = {
    services,
    testMode: opts.testMode,
    secureCookies: opts.secureCookies,
    preCsrfKey,
    flash,
  };
  const pageContext = (
    request: FastifyRequest,
    reply: FastifyReply,
    scripts?: string[],
  ): PageContext => buildPageContext(contextDeps, request, reply, scripts);

  /** CSRF for every page POST: the session's token when there is a session, else the pre-session cookie. */
  function checkCsrf(request: FastifyRequest): void {
    const formToken = formField(request, '_csrf');
    if (sessions.peek(token(request))) {
      sessions.checkCsrf(token(request), formToken);
      return;
    }
    if (!preSessionTokenValid(request, formToken, preCsrfKey, Date.now()))
      throw new ServiceError('csrf');
  }

  const errorPage = (
    request: FastifyRequest,
    reply: FastifyReply,
    e: unknown,
    back: string,
  ): FastifyReply =>
    renderErrorPage(pageContext(request, reply), request, reply, e, back, minPasswordLength);

  return {
    services,
    testMode: opts.testMode,
    minPasswordLength,
    ...routeWrappers(app, { checkCsrf, errorPage, flash, minPasswordLength }),
    pageContext,
    redirect: (reply, url, carried) => flash.redirect(reply, url, carried),
    token,
    setCookie: (reply, value) => setSessionCookie(reply, value, opts.secureCookies),
    clearCookie: (reply) => clearSessionCookie(reply, opts.secureCookies),
    meta: (request) => ({ ip: request.ip }),
    param: (request, name) => String((request.params as Record<string, unknown>)[name] ?? ''),
    query(request, name) {
      const v = (request.query as Record<string, unknown> | undefined)?.[name];
      return typeof v === 'string' ? v : undefined;
    },
  };
}
