/**
 * The interaction between oidc-provider and the Servicekonto's own pages. Every authorisation
 * request lands here; we look at the real session (cookie, Table 2 applied), send the user through
 * the EXISTING login and step-up pages until the session reaches the level the service asked for —
 * whatever means gets it there, so a new means needs no code here — ask for consent per attribute,
 * fix what is released (§6) and hand the provider the acr actually reached.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { InteractionResults } from 'oidc-provider';
import type { Services } from '../app';
import type { ActiveSession } from '../app/sessions';
import { isCodedError, ServiceError } from '../app';
import { accountMaxLevel, identify, type IdentificationResult } from '../domain';
import { atLeast } from '../../shared/levels';
import { translator } from '../i18n';
import { requestLang, sendPage } from '../http/pages/request';
import type { PageContext } from '../http/pages/view';
import { sessionToken } from '../http/session-cookie';
import type { OidcRepo } from '../store/oidc-repo';
import { answerAcr } from './acr';
import { buildRelease, type Release } from './claims';
import { readRequestState, type RequestState } from './interaction-state';
import { loginResult } from './login-result';
import { consentPage, movingOnPage, noticePage } from './interaction-pages';
import { INTERACTION_PATH, OIDC_TTL } from './provider';
import { oidcTexts } from './texts';

/** What the interaction routes need. */
export interface InteractionDeps {
  provider: () => Provider;
  services: Services;
  repo: OidcRepo;
  testMode: boolean;
}

/** One authorisation request's way through the Servicekonto's pages (a method per step). */
class InteractionFlow {
  constructor(private readonly deps: InteractionDeps) {}

  pageContext(request: FastifyRequest, active: ActiveSession): PageContext {
    const { lang } = requestLang(request);
    return {
      lang,
      t: translator(lang),
      testMode: this.deps.testMode,
      csrfToken: active.stored.csrfToken,
      username: active.account.username,
      path: request.url.split('?')[0] ?? '/',
    };
  }

  /** Ends the interaction with an OAuth error for the service (e.g. the level cannot be reached). */
  async fail(
    request: FastifyRequest,
    reply: FastifyReply,
    error: string,
    description: string,
  ): Promise<FastifyReply> {
    const returnTo = await this.deps
      .provider()
      .interactionResult(
        request.raw,
        reply.raw,
        { error, error_description: description },
        { mergeWithLastSubmission: false },
      );
    return this.moveOn(request, reply, returnTo, '');
  }

  /** Sends the browser on to the provider's resume URL through a moving-on page (see movingOnPage). */
  moveOn(
    request: FastifyRequest,
    reply: FastifyReply,
    returnTo: string,
    client: string,
  ): FastifyReply {
    const { lang } = requestLang(request);
    const t = oidcTexts(lang);
    return sendPage(
      reply,
      movingOnPage(
        lang,
        t('continue.title'),
        client ? t('continue.text', { client }) : '',
        t('continue.link'),
        returnTo,
      ),
    );
  }

  /** §6 for this request: refused (undefined) while the session is below the target. */
  identification(active: ActiveSession, s: RequestState): IdentificationResult | undefined {
    if (!atLeast(active.level, s.acr.target)) return undefined;
    return identify(
      active.account,
      active.stored.session,
      { targetLevel: s.acr.target, attributes: s.wanted },
      this.deps.services.ctx.now(),
      this.deps.services.ctx.policy,
    );
  }

  /** Fixes the release, hands the provider the login (acr reached) and a fresh grant, and moves on. */
  async finish(
    request: FastifyRequest,
    reply: FastifyReply,
    s: RequestState,
    active: ActiveSession,
    acr: string,
    release: Release,
  ): Promise<FastifyReply> {
    const accountId = active.account.id;
    const grant = new (this.deps.provider().Grant)({ accountId, clientId: s.clientId });
    grant.addOIDCScope(s.scope);
    const claimNames = [
      ...Object.keys(s.claims?.id_token ?? {}),
      ...Object.keys(s.claims?.userinfo ?? {}),
    ];
    if (claimNames.length > 0) grant.addOIDCClaims(claimNames);
    const grantId = await grant.save();
    this.deps.repo.saveRelease(
      grantId,
      accountId,
      active.stored.session.id,
      release,
      Date.now() + OIDC_TTL.Grant * 1000,
    );
    this.deps.services.ctx.record('identify', accountId, request.ip, {
      service: s.clientId,
      targetLevel: s.acr.target,
      acr,
      released: release.released.map((r) => r.attribute),
    });
    const result: InteractionResults = {
      login: loginResult(active, acr),
      consent: { grantId },
      servicekonto: { sessionId: active.stored.session.id },
    };
    const returnTo = await this.deps
      .provider()
      .interactionResult(request.raw, reply.raw, result, { mergeWithLastSubmission: false });
    return this.moveOn(request, reply, returnTo, s.clientName);
  }

  /**
   * One step of the flow. `decided` carries the attributes ticked on the consent form (the rest are
   * withheld as 'no-consent' for this request); without it, unconsented attributes show the form.
   */
  async step(
    request: FastifyRequest,
    reply: FastifyReply,
    decided?: ReadonlySet<string>,
  ): Promise<FastifyReply> {
    const s = await readRequestState(this.deps.provider, request, reply);
    const here = `${INTERACTION_PATH}/${s.uid}`;
    const reached = await this.reachLevel(request, reply, s, here);
    if ('moved' in reached) return reached.moved;
    return this.consentOrFinish(request, reply, s, here, reached, decided);
  }

  /**
   * The session and the acr it answers for this request, or where the browser goes instead: the
   * login, the step-up, or back to the service with an OAuth error when the level cannot be reached.
   */
  private async reachLevel(
    request: FastifyRequest,
    reply: FastifyReply,
    s: RequestState,
    here: string,
  ): Promise<{ active: ActiveSession; acr: string } | { moved: FastifyReply }> {
    const unmet = async (description: string): Promise<{ moved: FastifyReply }> => ({
      moved: await this.fail(request, reply, 'unmet_authentication_requirements', description),
    });
    const toLogin = (): { moved: FastifyReply } => ({
      moved: reply.redirect(`/login?next=${encodeURIComponent(here)}`, 303),
    });
    if (s.acr.essential && s.acr.unknownOnly) return unmet('no requested acr value is supported');
    const token = sessionToken(request);
    if (!this.deps.services.sessions.peek(token)) return toLogin();
    let active: ActiveSession;
    try {
      active = this.deps.services.sessions.require(token);
    } catch (e) {
      if (isCodedError(e)) return toLogin();
      throw e;
    }
    if (!atLeast(active.level, s.acr.authLevel)) {
      // Step-up through the existing pages with any means that reaches the level; back here after.
      if (atLeast(accountMaxLevel(active.account), s.acr.authLevel))
        return { moved: reply.redirect(`/auth?next=${encodeURIComponent(here)}`, 303) };
      if (s.acr.essential)
        return unmet('the account has no means that reaches the requested level');
    }
    const acr = active.level ? answerAcr(active.level, s.acr) : undefined;
    if (!acr) return unmet('the requested level was not reached');
    return { active, acr };
  }

  /**
   * Past the level: the consent form while attributes lack consent (unless this is its answer,
   * `decided`), else the consent stored and the login handed to the provider.
   */
  private async consentOrFinish(
    request: FastifyRequest,
    reply: FastifyReply,
    s: RequestState,
    here: string,
    { active, acr }: { active: ActiveSession; acr: string },
    decided: ReadonlySet<string> | undefined,
  ): Promise<FastifyReply> {
    const ident = this.identification(active, s);
    const consented = new Set([
      ...this.deps.repo.consents(active.account.id, s.clientId),
      ...(decided ?? []),
    ]);
    if (!decided && ident && ident.attributes.some((a) => !consented.has(a.name))) {
      const release = buildRelease(
        s.acr.target,
        s.wanted,
        ident,
        new Set(ident.attributes.map((a) => a.name)),
      );
      const { lang } = requestLang(request);
      return sendPage(
        reply,
        consentPage(this.pageContext(request, active), oidcTexts(lang), {
          action: `${here}/consent`,
          client: s.clientName,
          target: s.acr.target,
          release,
        }),
      );
    }
    if (decided)
      this.deps.repo.grantConsent(
        active.account.id,
        s.clientId,
        [...decided].filter((a) => ident?.attributes.some((x) => x.name === a)),
        this.deps.services.ctx.now(),
      );
    return this.finish(
      request,
      reply,
      s,
      active,
      acr,
      buildRelease(s.acr.target, s.wanted, ident, consented),
    );
  }
}

/** An expired or unknown interaction (oidc-provider's SessionNotFound etc.): a plain 400 page, no internals. */
function expired(request: FastifyRequest, reply: FastifyReply, e: unknown): FastifyReply {
  if (!(e instanceof Error) || typeof (e as { error?: unknown }).error !== 'string') throw e;
  const { lang } = requestLang(request);
  const t = oidcTexts(lang);
  return sendPage(reply, noticePage(lang, t('error.title'), t('error.text')), 400);
}

/** Registers GET /interaction/:uid and POST /interaction/:uid/consent. */
export function registerInteractions(app: FastifyInstance, deps: InteractionDeps): void {
  const flow = new InteractionFlow(deps);
  /** Cross-site arrivals carry no SameSite=Strict cookie: one same-site hop (meta refresh) brings it along. */
  app.get(INTERACTION_PATH + '/:uid', async (request, reply) => {
    const hop = (request.query as Record<string, unknown>).hop === '1';
    if (!sessionToken(request) && !hop) {
      const { lang } = requestLang(request);
      const t = oidcTexts(lang);
      const uid = String((request.params as Record<string, unknown>).uid ?? '');
      return sendPage(
        reply,
        movingOnPage(
          lang,
          t('hop.title'),
          '',
          t('hop.link'),
          `${INTERACTION_PATH}/${encodeURIComponent(uid)}?hop=1`,
        ),
      );
    }
    return flow.step(request, reply).catch((e: unknown) => expired(request, reply, e));
  });

  app.post(INTERACTION_PATH + '/:uid/consent', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (body.decision === 'deny')
      return flow.fail(request, reply, 'access_denied', 'the user did not agree');
    if (body.decision !== 'allow') throw new ServiceError('validation');
    const ticked = Array.isArray(body.attr)
      ? body.attr
      : body.attr === undefined
        ? []
        : [body.attr];
    return flow
      .step(request, reply, new Set(ticked.filter((a): a is string => typeof a === 'string')))
      .catch((e: unknown) => expired(request, reply, e));
  });
}
