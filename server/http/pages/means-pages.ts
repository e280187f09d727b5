/**
 * Pages of the means lifecycle: register (§4.2) with its confirmation in the same session, block,
 * unblock and remove (§4.4), and the public block-password form. A pending means' confirmation page
 * shows its enrolment (TOTP QR, WebAuthn button) on every visit, so a wrong code, Reload or Back never
 * loses it; every form POST ends in 303.
 */
import type { FastifyRequest } from 'fastify';
import { isCodedError, ServiceError } from '../../app';
import { atLeast, levelNeededFor, meansLevelFor } from '../../domain';
import { proofFailure, proofFrom, WEBAUTHN_SCRIPTS } from './auth-pages';
import type { DesktopAppPages } from './desktop-app-pages';
import { trustedHtml } from './html';
import { isWebAuthnKind, kindOfSlug, REGISTRABLE_KINDS, type RegistrableKind } from './kinds';
import { formField, sendPage } from './request';
import type { PageKit } from './route-kit';
import type { AuthOptionVM } from './templates/auth';
import {
  blockPage,
  BLOCKABLE_KINDS,
  meansAuthPage,
  newMeansPage,
  totpSetupPage,
  webauthnSetupPage,
  type NewMeansOptionVM,
} from './templates/means';

/** Registers the means routes, in this order: registration, the lifecycle of one means, the public block form. */
export function meansPages(kit: PageKit, desktop: DesktopAppPages): void {
  registrationPages(kit);
  lifecyclePages(kit, desktop);
  blockFormPages(kit);
}

/** Register a means (§4.2): the choice of kinds with the level each needs, the start, the WebAuthn attestation. */
function registrationPages(kit: PageKit): void {
  const { get, post } = kit;
  const { sessions, meansRegistration, ctx } = kit.services;

  get('/means/new', (request, reply) => {
    const found = sessions.require(kit.token(request));
    const kinds: (RegistrableKind | 'eid' | 'desktop-app')[] = [
      ...Object.values(REGISTRABLE_KINDS),
      'desktop-app',
      ...(kit.testMode ? (['eid'] as const) : []),
    ];
    const options: NewMeansOptionVM[] = kinds.map((k) => {
      const lvl = meansLevelFor(ctx.policy, k);
      const required = levelNeededFor(found.account, lvl);
      return {
        kind: k,
        level: lvl,
        requiredLevel: required,
        allowed: k === 'eid' || atLeast(found.level, required),
      };
    });
    return sendPage(reply, newMeansPage(kit.pageContext(request, reply), { options }));
  });
  post(
    '/means/new/:slug',
    () => '/means/new',
    async (request, reply) => {
      const kind = kindOfSlug(kit.param(request, 'slug'));
      if (!kind) throw new ServiceError('not-found');
      const label = formField(request, 'label').trim().slice(0, 64);
      const phone = formField(request, 'phone').trim();
      const reg = await meansRegistration.register(
        kit.token(request),
        { kind, ...(label ? { label } : {}), ...(phone ? { phone } : {}) },
        kit.meta(request),
      );
      const sent = reg.sms ? `?sent=${encodeURIComponent(reg.meansId)}` : '';
      return kit.redirect(reply, `/means/${encodeURIComponent(reg.meansId)}/confirm${sent}`);
    },
  );
  post(
    '/means/new/:slug/finish',
    () => '/means/new',
    async (request, reply) => {
      const meansId = formField(request, 'meansId');
      const proof = proofFrom(request);
      if (!proof.response) throw new ServiceError('validation');
      try {
        await meansRegistration.webauthnRegistration(
          kit.token(request),
          meansId,
          proof.response,
          kit.meta(request),
        );
      } catch (e) {
        return kit.redirect(
          reply,
          `/means/${encodeURIComponent(meansId)}/confirm`,
          proofFailure(request, meansId, e),
        );
      }
      return kit.redirect(reply, `/means/${encodeURIComponent(meansId)}/confirm`);
    },
  );
}

/** One means: its §4.2 confirmation, block, unblock and remove (§4.4). */
function lifecyclePages(kit: PageKit, desktop: DesktopAppPages): void {
  confirmPages(kit, desktop);
  blockingPages(kit, desktop);
}

/** One of the session's means as the confirm and unblock pages show it. */
function meansOption(kit: PageKit, request: FastifyRequest, id: string): AuthOptionVM {
  const m = kit.services.accounts.overview(kit.token(request)).means.find((x) => x.id === id);
  if (!m) throw new ServiceError('unknown-means');
  return {
    id: m.id,
    kind: m.kind,
    label: m.label ?? '',
    level: m.level,
    smsSent: kit.query(request, 'sent') === m.id,
    blocked: m.status === 'blocked',
  };
}

/** A means' proof form (§4.2 confirm, §4.4 unblock): a failure goes back to the same page with the field marked. */
function proofPost(
  kit: PageKit,
  action: 'confirm' | 'unblock',
  run: (
    token: string | undefined,
    meansId: string,
    proof: ReturnType<typeof proofFrom>,
    meta: { ip: string },
  ) => Promise<{ token: string }>,
): void {
  const back = (request: FastifyRequest): string =>
    `/means/${encodeURIComponent(kit.param(request, 'id'))}/${action}`;
  kit.post(`/means/:id/${action}`, back, async (request, reply) => {
    const meansId = kit.param(request, 'id');
    try {
      const issued = await run(kit.token(request), meansId, proofFrom(request), kit.meta(request));
      kit.setCookie(reply, issued.token);
    } catch (e) {
      return kit.redirect(reply, back(request), proofFailure(request, meansId, e));
    }
    return kit.redirect(
      reply,
      action === 'confirm' ? '/account?done=confirmed' : '/account?done=unblocked',
    );
  });
}

/** §4.2: a pending means' confirmation page (its enrolment shown again on every visit) and its proof. */
function confirmPages(kit: PageKit, desktop: DesktopAppPages): void {
  const { services, get } = kit;
  get('/means/:id/confirm', async (request, reply) => {
    const option = meansOption(kit, request, kit.param(request, 'id'));
    if (option.kind === 'desktop-app') return desktop.confirmPage(request, reply, option);
    const enrolment = await services.enrolment.pending(kit.token(request), option.id);
    if (enrolment?.kind === 'totp') {
      return sendPage(
        reply,
        totpSetupPage(kit.pageContext(request, reply), {
          meansId: option.id,
          qrSvg: trustedHtml(enrolment.qrSvg),
          uri: enrolment.otpauthUri,
          level: option.level,
        }),
      );
    }
    if (enrolment?.kind === 'webauthn' && isWebAuthnKind(option.kind)) {
      const c = kit.pageContext(request, reply, WEBAUTHN_SCRIPTS);
      return sendPage(
        reply,
        webauthnSetupPage(c, {
          kind: option.kind,
          meansId: option.id,
          label: option.label,
          optionsJson: JSON.stringify(enrolment.creationOptions),
          level: option.level,
        }),
      );
    }
    const c = kit.pageContext(
      request,
      reply,
      isWebAuthnKind(option.kind) ? WEBAUTHN_SCRIPTS : undefined,
    );
    return sendPage(reply, meansAuthPage(c, { mode: 'confirm', option }));
  });
  proofPost(kit, 'confirm', (token, id, proof, meta) =>
    services.auth.authenticate(token, id, proof, meta),
  );
}

/** §4.4: block, unblock (its page, then the means' own proof) and remove. */
function blockingPages(kit: PageKit, desktop: DesktopAppPages): void {
  const { get, post } = kit;
  const { sessions, means } = kit.services;
  post(
    '/means/:id/block',
    () => '/account',
    (request, reply) => {
      means.block(kit.token(request), kit.param(request, 'id'), kit.meta(request));
      return kit.redirect(reply, '/account?done=blocked');
    },
  );
  get('/means/:id/unblock', async (request, reply) => {
    const found = sessions.require(kit.token(request));
    const asked = meansOption(kit, request, kit.param(request, 'id'));
    // A blocked desktop app is proven by its own offline code: the page shows its login QR (§4.4).
    const option =
      asked.kind === 'desktop-app'
        ? ((await desktop.withDesktopQr(request, [asked]))[0] ?? asked)
        : asked;
    const c = kit.pageContext(
      request,
      reply,
      isWebAuthnKind(option.kind) ? WEBAUTHN_SCRIPTS : undefined,
    );
    return sendPage(
      reply,
      meansAuthPage(c, {
        mode: 'unblock',
        option,
        requiredLevel: option.level,
        levelMissing: !atLeast(found.level, option.level),
      }),
    );
  });
  proofPost(kit, 'unblock', (token, id, proof, meta) => means.unblock(token, id, proof, meta));
  post(
    '/means/:id/remove',
    () => '/account',
    (request, reply) => {
      means.remove(kit.token(request), kit.param(request, 'id'), kit.meta(request));
      return kit.redirect(reply, '/account?done=removed');
    },
  );
}

/** The public block-password form (§4.4: block without using the means, no login). */
function blockFormPages(kit: PageKit): void {
  const { get, post } = kit;
  const { auth } = kit.services;

  get('/block', (request, reply) =>
    sendPage(reply, blockPage(kit.pageContext(request, reply), {})),
  );
  post(
    '/block',
    () => '/block',
    async (request, reply) => {
      const username = formField(request, 'username');
      const kind = formField(request, 'kind');
      if (kind !== 'all' && !(BLOCKABLE_KINDS as readonly string[]).includes(kind)) {
        return kit.redirect(reply, '/block', {
          errors: { 'block-kind': { key: 'block.choose' } },
          values: { username },
        });
      }
      try {
        // One service call: the block password is checked once, whatever the kind (§4.4).
        await auth.blockWithPassword(
          {
            username,
            blockPassword: formField(request, 'blockPassword'),
            kind: kind as (typeof BLOCKABLE_KINDS)[number] | 'all',
          },
          kit.meta(request),
        );
      } catch (e) {
        if (!isCodedError(e, 'authentication-failed')) throw e;
        return kit.redirect(reply, '/block', {
          notices: [{ kind: 'error', key: 'error.generic' }],
          values: { username },
        });
      }
      return kit.redirect(reply, '/block', { notices: [{ kind: 'ok', key: 'block.done' }] });
    },
  );
}
