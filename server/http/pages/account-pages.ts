/**
 * Pages of the account itself: the overview, the §5.1 re-confirmation after an eID takeover, e-mail
 * verification, and deletion (§7). Every form POST ends in 303.
 */
import { isCodedError, ServiceError, type Overview } from '../../app';
import type { SessionView } from '../../app/sessions';
import { atLeast } from '../../domain';
import type { MessageKey } from '../../i18n';
import { formField, sendPage } from './request';
import type { PageKit } from './route-kit';
import { accountPage, type AccountVM } from './templates/account';
import { deletePage, verifyEmailPage, verifyLinkPage } from './templates/misc';
import type { Notice, PageContext } from './view';
import type { SafeHtml } from './html';

/** `?done=` values of the overview and the notice each shows. */
const DONE: Readonly<Record<string, MessageKey>> = {
  blocked: 'means.done.blocked',
  unblocked: 'means.done.unblocked',
  removed: 'means.done.removed',
  confirmed: 'means.done.confirmed',
  email: 'email.done',
  eid: 'eid.done',
  reconfirmed: 'account.reconfirmDone',
  services: 'account.consentRevoked',
};

/** The overview page's view model from the service's account overview. */
function overviewViewModel(
  ov: Overview,
  notices: Notice[],
  extra: SafeHtml | undefined,
): AccountVM {
  return {
    username: ov.username,
    maxLevel: ov.maxLevel ?? 'niedrig',
    session: {
      level: ov.session.level ?? undefined,
      ...(ov.session.downgradedFrom ? { downgradedFrom: ov.session.downgradedFrom } : {}),
      idleRemainingMs: (ov.session.levelRemainingSeconds ?? 0) * 1000,
      absoluteRemainingMs: (ov.session.remainingSeconds ?? 0) * 1000,
    },
    attributes: ov.attributes.map((a) => ({
      name: a.name,
      value: a.value,
      level: a.level,
      needsConfirmation: a.needsReconfirmation,
    })),
    means: ov.means.map((m) => ({
      id: m.id,
      kind: m.kind,
      label: m.label ?? '',
      level: m.level,
      status: m.status === 'removed' ? 'blocked' : m.status,
      ...(m.lastUsedAt !== null ? { lastUsedAt: m.lastUsedAt } : {}),
      removable: m.kind !== 'password',
    })),
    sessions: ov.sessions.map((s: SessionView) => ({
      current: !!s.current,
      level: s.level ?? undefined,
      startedAt: s.createdAt,
      remainingMs: (s.levelRemainingSeconds ?? 0) * 1000,
    })),
    ...(ov.deletionPending ? { deletionDueAt: ov.deletionPending.eraseAt } : {}),
    hasUnverifiedEmail: ov.attributes.some(
      (a) => a.name === 'email' && a.level === 'basisregistrierung',
    ),
    notices,
    ...(extra ? { extra } : {}),
  };
}

/** Registers the account routes; `accountSections` adds the online services with their consents. */
export function accountPages(
  kit: PageKit,
  accountSections?: (accountId: string, page: PageContext) => Promise<SafeHtml>,
): void {
  const { services, get, post } = kit;
  const { accounts, attributes, ctx } = services;

  get('/account', async (request, reply) => {
    const ov = accounts.overview(kit.token(request));
    const c = kit.pageContext(request, reply);
    const done = kit.query(request, 'done');
    const notices: Notice[] =
      done && Object.hasOwn(DONE, done)
        ? [{ kind: 'ok', text: c.t(DONE[done] as MessageKey) }]
        : [];
    const extra = accountSections ? await accountSections(ov.id, c) : undefined;
    return sendPage(reply, accountPage(c, overviewViewModel(ov, notices, extra)));
  });

  // §5.1: settle one attribute flagged after an eID takeover (keep it, or delete it as "not mine").
  post(
    '/attributes/:name/reconfirm',
    () => '/account',
    (request, reply) => {
      const name = kit.param(request, 'name');
      const answer = formField(request, 'answer');
      if (answer !== 'confirm' && answer !== 'reject') throw new ServiceError('validation');
      attributes.settleAttributes(
        kit.token(request),
        answer === 'confirm' ? { confirm: [name] } : { reject: [name] },
        kit.meta(request),
      );
      return kit.redirect(reply, '/account?done=reconfirmed');
    },
  );

  emailVerificationPages(kit);

  // ---- delete account (§7) ----
  get('/delete', (request, reply) => {
    const ov = accounts.overview(kit.token(request));
    const required = ov.deletion.levelNow;
    return sendPage(
      reply,
      deletePage(kit.pageContext(request, reply), {
        requiredLevel: required,
        allowed: atLeast(ov.session.level, required),
        delayDays: ctx.policy.deletionDelayMs / 86_400_000,
      }),
    );
  });
  post(
    '/delete',
    () => '/delete',
    (request, reply) => {
      const when = formField(request, 'when');
      if (when !== 'now' && when !== 'delayed')
        return kit.redirect(reply, '/delete', {
          errors: { 'delete-when': { key: 'delete.choose' } },
        });
      if (formField(request, 'confirm') !== 'yes') throw new ServiceError('validation');
      const r = accounts.delete(
        kit.token(request),
        when === 'delayed' ? 'delayed' : 'immediate',
        kit.meta(request),
      );
      kit.clearCookie(reply);
      const notice = r.erased
        ? { key: 'delete.done' as const }
        : {
            key: 'delete.scheduled' as const,
            params: { date: new Date(r.eraseAt ?? 0).toISOString().slice(0, 10) },
          };
      return kit.redirect(reply, '/login', { notices: [{ kind: 'ok', ...notice }] });
    },
  );
}

/** E-mail verification (§5.1): the code from the outbox, or the link from the e-mail. */
function emailVerificationPages(kit: PageKit): void {
  const { get, post } = kit;
  const { sessions, accounts, attributes } = kit.services;

  get('/verify-email', (request, reply) => {
    const token = kit.token(request);
    const v = kit.query(request, 'v');
    const verificationId = v && /^[A-Za-z0-9-]{1,64}$/.test(v) ? v : undefined;
    const linkCode = kit.query(request, 'code');
    const code = linkCode && /^\d{8}$/.test(linkCode) ? linkCode : undefined;
    // The e-mail link (/verify-email?v=ID&code=CODE) may be opened without a session, e.g. on a phone:
    // show the code prefilled with a confirm button. The code is the proof, as in POST /api/verifications/{id}/confirm.
    if (verificationId && (code || !sessions.peek(token))) {
      return sendPage(
        reply,
        verifyLinkPage(kit.pageContext(request, reply), {
          verificationId,
          ...(code ? { code } : {}),
        }),
      );
    }
    const email = accounts.overview(token).attributes.find((a) => a.name === 'email')?.value;
    return sendPage(
      reply,
      verifyEmailPage(kit.pageContext(request, reply), {
        ...(email ? { email } : {}),
        sent: !!verificationId,
        verificationId,
      }),
    );
  });
  post(
    '/verify-email/send',
    () => '/verify-email',
    (request, reply) => {
      const token = kit.token(request);
      const email = accounts.overview(token).attributes.find((a) => a.name === 'email')?.value;
      if (!email) throw new ServiceError('validation');
      const v = attributes.startVerification(
        token,
        { attribute: 'email', value: email, method: 'email-code' },
        kit.meta(request),
      );
      return kit.redirect(reply, `/verify-email?v=${encodeURIComponent(v.verificationId)}`);
    },
  );
  const verifyBack = (id: string): string => `/verify-email?v=${encodeURIComponent(id)}`;
  post(
    '/verify-email',
    (request) => verifyBack(formField(request, 'verificationId')),
    (request, reply) => {
      const verificationId = formField(request, 'verificationId');
      try {
        // No session needed: the code is the proof (asynchronous confirmation, §5.1); 5 wrong codes void it.
        attributes.confirmVerification(
          { verificationId, code: formField(request, 'code').replace(/\s+/g, '') },
          kit.meta(request),
        );
      } catch (e) {
        if (!isCodedError(e, 'invalid-code', 'verification-expired')) throw e;
        return kit.redirect(reply, verifyBack(verificationId), {
          errors: { 'f-code': { key: 'error.codeWrong' } },
        });
      }
      if (sessions.peek(kit.token(request))) return kit.redirect(reply, '/account?done=email');
      return kit.redirect(reply, '/login', { notices: [{ kind: 'ok', key: 'email.done' }] });
    },
  );
}
