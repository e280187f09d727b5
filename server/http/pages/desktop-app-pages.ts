/**
 * The desktop-app pages (issue #9), registered through the route kit (same CSRF, error handling and
 * post/redirect/get as every page): "Desktop-App hinzufügen" (pairing QR → confirmation in the same
 * session, by the offline code or an online approval), the offline QR login, and the login QRs for
 * confirmation and step-up. Every QR is shown by a GET page, so Reload, Back or a wrong code never lose
 * it; the online-approval routes live in approval-pages.ts.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isCodedError, ServiceError } from '../../app';
import { trustedHtml } from './html';
import { formField, sendPage } from './request';
import { TX_PATTERN, isUsername } from '../schemas';
import type { PageKit } from './route-kit';
import { codeFieldId, messagePage, type AuthOptionVM } from './templates/auth';
import {
  desktopLoginStartPage,
  loginQrPage,
  pairingPage,
  type QrVM,
} from './templates/desktop-app';
import { approvalPages } from './approval-pages';
import { pushForm } from './templates/approval';

export type { PageKit } from './route-kit';

/** What the plugin calls back into: the confirm page of a desktop app and QR codes for step-up options. */
export interface DesktopAppPages {
  confirmPage(
    request: FastifyRequest,
    reply: FastifyReply,
    option: AuthOptionVM,
  ): Promise<FastifyReply>;
  withDesktopQr(request: FastifyRequest, options: AuthOptionVM[]): Promise<AuthOptionVM[]>;
}

function qrOf(c: { payload: string; qrSvg: string; expiresAt: number }): QrVM {
  return { svg: trustedHtml(c.qrSvg), payload: c.payload, expiresAt: c.expiresAt };
}

const TX = new RegExp(TX_PATTERN);

/** Registers the desktop-app routes and returns the hooks the other pages use. */
export function desktopAppPages(kit: PageKit): DesktopAppPages {
  pairingPages(kit);
  loginStartPages(kit);
  loginQrPages(kit);
  approvalPages(kit);
  return desktopHooks(kit);
}

/** The login QR of one of the session's desktop apps (its own challenge in the session). */
async function loginQr(kit: PageKit, request: FastifyRequest, meansId: string): Promise<QrVM> {
  const ch = await kit.services.means.challenge(kit.token(request), meansId);
  if (ch.kind !== 'desktop-app') throw new ServiceError('not-applicable');
  return qrOf(ch);
}

/** "Desktop-App hinzufügen": the pairing QR, then on to the confirmation of the app just enrolled. */
function pairingPages(kit: PageKit): void {
  const { services, get, post } = kit;
  post(
    '/means/new/desktop-app',
    () => '/means/new',
    (_request, reply) => kit.redirect(reply, '/means/desktop-app/pair'),
  );
  // Each visit shows a fresh one-time pairing QR (the old one stays valid until it expires).
  get('/means/desktop-app/pair', async (request, reply) => {
    const r = await services.desktopApp.startPairing(kit.token(request), kit.meta(request));
    return sendPage(
      reply,
      pairingPage(kit.pageContext(request, reply), { qr: qrOf(r), level: r.level }),
    );
  });

  // After scanning: the newest desktop app this session enrolled and has not confirmed yet.
  get('/means/desktop-app/continue', (request, reply) => {
    const found = services.sessions.require(kit.token(request));
    const pending = found.account.means
      .filter(
        (m) =>
          m.kind === 'desktop-app' &&
          m.status === 'pending' &&
          m.pendingSessionId === found.stored.session.id,
      )
      .sort((a, b) => b.createdAt - a.createdAt)[0];
    if (pending) return reply.redirect(`/means/${encodeURIComponent(pending.id)}/confirm`, 303);
    const c = kit.pageContext(request, reply);
    return sendPage(
      reply,
      messagePage(c, {
        title: c.t('desktop.pair.title'),
        text: c.t('desktop.pair.notYet'),
        link: { href: '/means/desktop-app/pair', label: c.t('desktop.pair.again') },
      }),
      409,
    );
  });
}

/** The offline QR login's start: the name form. */
function loginStartPages(kit: PageKit): void {
  const { services, get, post } = kit;
  get('/login/desktop-app', (request, reply) =>
    sendPage(reply, desktopLoginStartPage(kit.pageContext(request, reply), {})),
  );
  post(
    '/login/desktop-app',
    () => '/login/desktop-app',
    async (request, reply) => {
      const username = formField(request, 'username').trim();
      if (!isUsername(username))
        return kit.redirect(reply, '/login/desktop-app', {
          errors: { 'f-username': { key: 'error.invalid' } },
          values: { username },
        });
      const r = await services.desktopApp.startLogin(username, kit.meta(request));
      return kit.redirect(reply, `/login/desktop-app/qr?tx=${encodeURIComponent(r.tx)}`);
    },
  );
}

/** The offline QR login's QR page and the code the app computes from it. */
function loginQrPages(kit: PageKit): void {
  const { services, get, post } = kit;
  // The transaction id is no secret (the QR shows it); the code the app computes is the proof.
  get('/login/desktop-app/qr', async (request, reply) => {
    const tx = kit.query(request, 'tx') ?? '';
    let shown;
    try {
      if (!TX.test(tx)) throw new ServiceError('verification-expired');
      shown = await services.desktopApp.shownLogin(tx);
    } catch (e) {
      if (!isCodedError(e, 'verification-expired')) throw e;
      return kit.redirect(reply, '/login/desktop-app', {
        notices: [{ kind: 'error', key: 'desktop.login.expired' }],
      });
    }
    const c = kit.pageContext(request, reply);
    return sendPage(
      reply,
      loginQrPage(c, {
        title: c.t('desktop.login.title'),
        intro: c.t('desktop.login.scan'),
        qr: qrOf(shown),
        action: '/login/desktop-app/code',
        hidden: { tx },
        submit: c.t('desktop.login.submit'),
      }),
    );
  });
  post(
    '/login/desktop-app/code',
    () => '/login/desktop-app',
    (request, reply) => {
      const tx = formField(request, 'tx');
      const code = formField(request, 'code').replace(/\s+/g, '');
      try {
        if (!TX.test(tx) || !/^\d{8}$/.test(code)) throw new ServiceError('authentication-failed');
        const issued = services.desktopApp.finishLogin(tx, code, kit.meta(request));
        kit.setCookie(reply, issued.token);
        return kit.redirect(reply, '/account');
      } catch (e) {
        if (!isCodedError(e, 'authentication-failed')) throw e;
        if (!TX.test(tx))
          return kit.redirect(reply, '/login/desktop-app', {
            notices: [{ kind: 'error', key: 'error.generic' }],
          });
        // Back to the same QR (still valid until it expires) with the field marked.
        return kit.redirect(reply, `/login/desktop-app/qr?tx=${encodeURIComponent(tx)}`, {
          errors: { 'f-code': { key: 'error.codeWrong' } },
        });
      }
    },
  );
}

/** The hooks other pages use: the desktop app's confirm page, the login QRs of step-up options. */
function desktopHooks(kit: PageKit): DesktopAppPages {
  return {
    async confirmPage(request, reply, option) {
      const c = kit.pageContext(request, reply);
      const qr = await loginQr(kit, request, option.id);
      const here = `/means/${encodeURIComponent(option.id)}/confirm`;
      // §4.2 online: one approval of the new app in this session confirms it, instead of typing the code.
      const online = pushForm(c, {
        meansId: option.id,
        next: '/account?done=confirmed',
        back: here,
        label: c.t('desktop.push.confirm'),
      });
      return sendPage(
        reply,
        loginQrPage(c, {
          title: c.t('desktop.pair.title'),
          intro: c.t('desktop.confirm.intro'),
          qr,
          action: here,
          hidden: {},
          submit: c.t('means.confirm'),
          fieldId: codeFieldId(option.id),
          before: online,
        }),
      );
    },
    async withDesktopQr(request, options) {
      // Each desktop app its own login QR (its own challenge in the session), so the user picks the one at hand.
      const out: AuthOptionVM[] = [];
      for (const o of options)
        out.push(
          o.kind === 'desktop-app' ? { ...o, desktopQr: await loginQr(kit, request, o.id) } : o,
        );
      return out;
    },
  };
}
