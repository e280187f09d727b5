/**
 * Consent per service and attribute in the account overview (§6): the section's markup for the
 * overview page, and the revoke route. Withdrawing consent also revokes the service's tokens.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import type { Services } from '../app';
import { ServiceError } from '../app';
import type { SafeHtml } from '../http/pages/html';
import { formField } from '../http/pages/request';
import type { PageContext } from '../http/pages/view';
import { sessionToken } from '../http/session-cookie';
import type { OidcRepo } from '../store/oidc-repo';
import { servicesSection, type ServiceConsentVM } from './interaction-pages';
import { oidcTexts } from './texts';

/** Client display names, cached per process (client metadata does not change while running). */
async function clientNames(
  provider: Provider,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of ids) {
    const client = await provider.Client.find(id).catch(() => undefined);
    names.set(id, client?.clientName ?? id);
  }
  return names;
}

/** The markup of the section for one account (used by the overview page through its `accountSections` hook). */
export async function servicesSectionFor(
  provider: Provider,
  repo: OidcRepo,
  accountId: string,
  ctx: PageContext,
): Promise<SafeHtml> {
  const rows = repo.allConsents(accountId);
  const ids = [...new Set(rows.map((r) => r.clientId))];
  const names = await clientNames(provider, ids);
  const services: ServiceConsentVM[] = ids.map((id) => ({
    clientId: id,
    name: names.get(id) ?? id,
    attributes: rows.filter((r) => r.clientId === id).map((r) => r.attribute),
  }));
  return servicesSection(ctx, oidcTexts(ctx.lang), services);
}

/** Registers POST /account/services/revoke (the app's CSRF hook checks `_csrf`). */
export function registerServicesSection(
  app: FastifyInstance,
  deps: { services: Services; repo: OidcRepo },
): void {
  app.post('/account/services/revoke', (request: FastifyRequest, reply) => {
    const active = deps.services.sessions.require(sessionToken(request));
    const clientId = formField(request, 'clientId');
    const attribute = formField(request, 'attribute');
    if (!clientId) throw new ServiceError('validation');
    deps.repo.revokeConsent(active.account.id, clientId, attribute || undefined);
    // Tokens already issued to the service stop working; the next login asks again.
    const grants = deps.repo.grantsFor(active.account.id, clientId);
    deps.repo.revokeGrants(grants);
    deps.repo.dropReleases(active.account.id, grants);
    deps.services.ctx.record('identify', active.account.id, request.ip, {
      service: clientId,
      revoked: attribute || 'all',
    });
    return reply.redirect('/account?done=services', 303);
  });
}
