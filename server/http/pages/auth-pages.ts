/**
 * Pages of getting in: create account (§3), password login and logout, step-up with any active means,
 * SMS codes and WebAuthn assertion options for the means forms. Every form POST ends in 303.
 */
import type { FastifyRequest } from 'fastify';
import { isCodedError, ServiceError } from '../../app';
import { checkPassword, checkUsername } from '../../app/input-rules';
import type { Flash, FlashText } from './flash';
import { isWebAuthnKind } from './kinds';
import { formField, safeNext, sendPage } from './request';
import type { PageKit } from './route-kit';
import { errorText } from './route-kit';
import {
  codeFieldId,
  loginPage,
  registeredPage,
  registerPage,
  REGISTER_ATTRIBUTES,
  stepUpPage,
  type AuthOptionVM,
} from './templates/auth';
import type { DesktopAppPages } from './desktop-app-pages';

/** Scripts of pages with a WebAuthn button (served from /assets; the CSP forbids inline scripts). */
export const WEBAUTHN_SCRIPTS = ['/assets/simplewebauthn-browser.js', '/assets/webauthn.js'];

/** The proof fields a means form sends (code or WebAuthn JSON). */
export function proofFrom(request: FastifyRequest): { code?: string; response?: never } {
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

/**
 * What a failed proof carries back to the page it came from: a wrong code is the error of that code
 * field ("the code is not right" — the password already passed, so this reveals nothing new); a
 * failed WebAuthn ceremony is a notice. Other errors go to the kit's generic handling.
 */
export function proofFailure(request: FastifyRequest, meansId: string, e: unknown): Flash {
  if (!isCodedError(e, 'authentication-failed', 'invalid-code', 'verification-expired')) throw e;
  if (formField(request, 'response'))
    return { notices: [{ kind: 'error', key: 'webauthn.failed' }] };
  return { errors: { [codeFieldId(meansId)]: { key: 'error.codeWrong' } } };
}

/** Field errors of the create-account form, all at once, before the service is asked (it checks again). */
function registerErrors(
  request: FastifyRequest,
  minPasswordLength: number,
): Record<string, FlashText> {
  const errors: Record<string, FlashText> = {};
  const password = formField(request, 'password');
  const blockPassword = formField(request, 'blockPassword');
  const check = (id: string, run: () => unknown): void => {
    try {
      run();
    } catch (e) {
      if (isCodedError(e)) errors[id] = errorText(e, minPasswordLength);
    }
  };
  check('f-username', () => checkUsername(formField(request, 'username')));
  check('f-password', () => checkPassword(password, 'password'));
  check('f-blockPassword', () => checkPassword(blockPassword, 'blockPassword'));
  if (!errors['f-blockPassword'] && password && password === blockPassword)
    errors['f-blockPassword'] = { key: 'error.blockSame' };
  return errors;
}

/** Registers the routes of getting in, in this order: account creation, login and logout, step-up, proof challenges. */
export function authPages(kit: PageKit, desktop: DesktopAppPages): void {
  registrationPages(kit);
  loginPages(kit);
  stepUpPages(kit, desktop);
  challengePages(kit);
}

/** Create account (§3), then the page saying which level deleting it needs (§7). */
function registrationPages(kit: PageKit): void {
  const { get, post } = kit;
  const { auth, accounts } = kit.services;

  get('/register', (request, reply) =>
    sendPage(
      reply,
      registerPage(kit.pageContext(request, reply), { minPasswordLength: kit.minPasswordLength }),
    ),
  );
  post(
    '/register',
    () => '/register',
    async (request, reply) => {
      const attributes: Record<string, string> = {};
      for (const a of REGISTER_ATTRIBUTES) {
        const v = formField(request, `attr.${a}`).trim();
        if (v) attributes[a] = v;
      }
      const username = formField(request, 'username');
      // What is safe to keep for the next try: the username and the details, never the passwords.
      const values = {
        username,
        ...Object.fromEntries(Object.entries(attributes).map(([k, v]) => [`attr.${k}`, v])),
      };
      const errors = registerErrors(request, kit.minPasswordLength);
      if (Object.keys(errors).length > 0)
        return kit.redirect(reply, '/register', { errors, values });
      try {
        const created = await auth.createAccount(
          {
            username,
            password: formField(request, 'password'),
            blockPassword: formField(request, 'blockPassword'),
            attributes,
          },
          kit.meta(request),
        );
        kit.setCookie(reply, created.token);
        return kit.redirect(reply, '/register/done');
      } catch (e) {
        if (!isCodedError(e) || e.code === 'csrf') throw e;
        const field =
          e.code === 'username-taken'
            ? 'username'
            : String(e.params?.field ?? '').replace(/^attributes\./, 'attr.');
        const id = `f-${field}`;
        const known = [
          'username',
          'password',
          'blockPassword',
          ...REGISTER_ATTRIBUTES.map((a) => `attr.${a}`),
        ].includes(field);
        const text = errorText(e, kit.minPasswordLength);
        return kit.redirect(
          reply,
          '/register',
          known
            ? { errors: { [id]: text }, values }
            : { notices: [{ kind: 'error', ...text }], values },
        );
      }
    },
  );
  // After creation: which level deleting needs (§7), then on to the overview.
  get('/register/done', (request, reply) => {
    const ov = accounts.overview(kit.token(request));
    const c = kit.pageContext(request, reply);
    return sendPage(
      reply,
      registeredPage(c, {
        username: ov.username,
        deleteLevel: ov.deletion.levelNow,
        delayDays: ov.deletion.delayMs / 86_400_000,
      }),
    );
  });
}

/** Password login (back to an online service's `next` when it asked) and logout. */
function loginPages(kit: PageKit): void {
  const { get, post } = kit;
  const { auth, sessions } = kit.services;

  get('/login', (request, reply) => {
    const next = kit.query(request, 'next');
    return sendPage(
      reply,
      loginPage(kit.pageContext(request, reply), next ? { next: safeNext(next) } : {}),
    );
  });
  post(
    '/login',
    () => '/login',
    async (request, reply) => {
      const username = formField(request, 'username');
      const next = formField(request, 'next');
      try {
        const issued = await auth.login(
          { username, password: formField(request, 'password') },
          kit.meta(request),
        );
        kit.setCookie(reply, issued.token);
        // A login for someone else (an online service's OIDC interaction) goes back there; it decides on step-up.
        if (next) return kit.redirect(reply, safeNext(next));
        const found = sessions.peek(issued.token);
        const others = found?.account.means.some(
          (m) => m.kind !== 'password' && m.status === 'active',
        );
        return kit.redirect(reply, others ? '/auth?next=%2Faccount' : '/account');
      } catch (e) {
        if (!isCodedError(e, 'authentication-failed')) throw e;
        const back = next ? `/login?next=${encodeURIComponent(safeNext(next))}` : '/login';
        return kit.redirect(reply, back, {
          notices: [{ kind: 'error', key: 'error.generic' }],
          values: { username },
        });
      }
    },
  );
  post(
    '/logout',
    () => '/',
    (request, reply) => {
      auth.logout(kit.token(request), kit.meta(request));
      kit.clearCookie(reply);
      return kit.redirect(reply, '/login', { notices: [{ kind: 'ok', key: 'logout.done' }] });
    },
  );
}

/** Step-up with any active means other than the password. */
function stepUpPages(kit: PageKit, desktop: DesktopAppPages): void {
  const { get, post } = kit;
  const { auth, accounts } = kit.services;

  /** Options to authenticate with now: active means other than the password. */
  function authOptions(request: FastifyRequest, sentFor?: string): AuthOptionVM[] {
    const ov = accounts.overview(kit.token(request));
    return ov.means
      .filter((m) => m.status === 'active' && m.kind !== 'password' && m.kind !== 'email-otp')
      .map((m) => ({
        id: m.id,
        kind: m.kind,
        label: m.label ?? '',
        level: m.level,
        smsSent: sentFor === m.id,
      }));
  }

  get('/auth', async (request, reply) => {
    const next = safeNext(kit.query(request, 'next'));
    const ov = accounts.overview(kit.token(request));
    const options = await desktop.withDesktopQr(
      request,
      authOptions(request, kit.query(request, 'sent')),
    );
    const c = kit.pageContext(
      request,
      reply,
      options.some((o) => isWebAuthnKind(o.kind)) ? WEBAUTHN_SCRIPTS : undefined,
    );
    return sendPage(
      reply,
      stepUpPage(c, { sessionLevel: ov.session.level ?? undefined, options, next }),
    );
  });
  const stepUpBack = (request: FastifyRequest): string =>
    `/auth?next=${encodeURIComponent(safeNext(kit.query(request, 'next')))}`;
  post('/auth/:meansId', stepUpBack, async (request, reply) => {
    const meansId = kit.param(request, 'meansId');
    try {
      const issued = await auth.authenticate(
        kit.token(request),
        meansId,
        proofFrom(request),
        kit.meta(request),
      );
      kit.setCookie(reply, issued.token);
      return kit.redirect(reply, safeNext(kit.query(request, 'next')));
    } catch (e) {
      return kit.redirect(reply, stepUpBack(request), proofFailure(request, meansId, e));
    }
  });
}

/** What the means forms fetch before a proof: an SMS code, WebAuthn assertion options. */
function challengePages(kit: PageKit): void {
  const { services, post } = kit;

  // SMS code for step-up/confirmation/unblocking, then back to the page that asked.
  post(
    '/sms/send',
    (request) => safeNext(formField(request, 'back')),
    async (request, reply) => {
      const meansId = formField(request, 'meansId');
      await services.means.challenge(kit.token(request), meansId);
      const back = safeNext(formField(request, 'back'));
      return kit.redirect(
        reply,
        `${back}${back.includes('?') ? '&' : '?'}sent=${encodeURIComponent(meansId)}`,
      );
    },
  );

  // WebAuthn assertion options, fetched by webauthn.js per click (CSRF-checked like any form).
  post(
    '/means/:id/webauthn-options',
    () => '/account',
    async (request, reply) => {
      const ch = await services.means.challenge(kit.token(request), kit.param(request, 'id'));
      if (ch.kind !== 'webauthn') throw new ServiceError('not-applicable');
      return reply.header('cache-control', 'no-store').send(ch.options);
    },
  );
}
