/**
 * The OpenID Connect interaction pages inside the server's page frame: consent per attribute (what
 * is released at which level, what is withheld and why), the "continue to the service" step, the
 * same-site hop, and the services section of the account overview.
 */
import { html, type SafeHtml } from '../http/pages/html';
import { layout } from '../http/pages/layout';
import { levelBadge, postForm, type PageContext, type PageLevel } from '../http/pages/view';
import type { Release } from './claims';
import type { MessageKey } from '../i18n';
import type { OidcTranslate } from './texts';

/** The display name of an attribute from the pages' table (e.g. "Familienname"), else its key. */
function attributeLabel(ctx: PageContext, attribute: string): string {
  const key = `attr.${attribute}` as MessageKey;
  const text = ctx.t(key);
  return text === key ? attribute : text;
}

/** What the consent page shows. */
export interface ConsentVM {
  action: string;
  client: string;
  target: PageLevel;
  release: Release;
}

/** Consent per attribute: each releasable attribute is a pre-ticked checkbox; withheld ones are listed with the reason. */
export function consentPage(ctx: PageContext, t: OidcTranslate, vm: ConsentVM): SafeHtml {
  const released = vm.release.released.map(
    (r) =>
      html`<li><label><input type="checkbox" name="attr" value="${r.attribute}" checked data-testid="consent-${r.attribute}"> ${attributeLabel(ctx, r.attribute)}: <strong>${r.value}</strong> ${levelBadge(ctx, r.level)}${r.level === 'basisregistrierung' ? html` <span class="hint">${t('consent.unverified')}</span>` : ''}</label></li>`,
  );
  const withheld = vm.release.withheld.map(
    (w) =>
      html`<li data-withheld="${w.attribute}">${attributeLabel(ctx, w.attribute)} – ${t(`reason.${w.reason}`)}${w.level ? html` ${levelBadge(ctx, w.level)}` : ''}</li>`,
  );
  const body = html`<p>${t('consent.intro', { client: vm.client, level: vm.target })}</p>
<h2>${t('consent.released')}</h2>
${released.length > 0 ? html`<ul class="consent" data-testid="consent-released">${released}</ul>` : html`<p>${t('consent.none')}</p>`}
${withheld.length > 0 ? html`<h2>${t('consent.withheld')}</h2><ul data-testid="consent-withheld">${withheld}</ul>` : ''}
<p class="hint">${t('consent.remember')}</p>
<button type="submit" name="decision" value="allow" data-testid="consent-allow">${t('consent.allow')}</button>
<button type="submit" name="decision" value="deny" class="secondary" data-testid="consent-deny">${t('consent.deny')}</button>`;
  return layout(ctx, t('consent.title'), postForm(ctx, vm.action, body, { id: 'consent-form' }));
}

/**
 * A page that moves on by itself (meta refresh, no script: the CSP allows none) with a link as
 * fallback. Used to leave a form-POST redirect chain before going cross-site (a form's CSP
 * `form-action 'self'` would block the redirect to the service) and to turn a cross-site arrival into
 * a same-site navigation, so the SameSite=Strict session cookie is sent.
 */
export function movingOnPage(
  lang: string,
  title: string,
  text: string,
  link: string,
  href: string,
): SafeHtml {
  return html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}"><meta name="referrer" content="no-referrer">
<title>${title}</title><link rel="stylesheet" href="/assets/pages.css"></head>
<body><main id="main"><h1>${title}</h1><p>${text}</p><p><a href="${href}" data-testid="continue-link">${link}</a></p></main></body></html>`;
}

/** A page that only says something (an expired or unknown login request). */
export function noticePage(lang: string, title: string, text: string): SafeHtml {
  return html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><title>${title}</title><link rel="stylesheet" href="/assets/pages.css"></head>
<body><main id="main"><h1>${title}</h1><p class="notice notice-error" role="alert" data-testid="interaction-error">${text}</p></main></body></html>`;
}

/** One service with the attributes the user agreed to give it. */
export interface ServiceConsentVM {
  clientId: string;
  name: string;
  attributes: string[];
}

/** The "online services" section of the account overview: consent per service and attribute, each revocable. */
export function servicesSection(
  ctx: PageContext,
  t: OidcTranslate,
  services: ServiceConsentVM[],
): SafeHtml {
  if (services.length === 0)
    return html`<h2>${t('services.title')}</h2><p data-testid="services-none">${t('services.none')}</p>`;
  const rows = services.map(
    (
      s,
    ) => html`<section class="service" data-client-id="${s.clientId}"><h3>${s.name}</h3><ul>${s.attributes.map(
      (a) =>
        html`<li data-consent="${a}">${attributeLabel(ctx, a)} ${postForm(
          ctx,
          '/account/services/revoke',
          html`<input type="hidden" name="clientId" value="${s.clientId}"><input type="hidden" name="attribute" value="${a}"><button type="submit" class="link" data-testid="revoke-${s.clientId}-${a}">${t('services.revoke')}</button>`,
          { class: 'inline' },
        )}</li>`,
    )}</ul>
${postForm(ctx, '/account/services/revoke', html`<input type="hidden" name="clientId" value="${s.clientId}"><button type="submit" class="link danger">${t('services.revokeAll')}</button>`, { class: 'inline' })}</section>`,
  );
  return html`<h2>${t('services.title')}</h2><div data-testid="services">${rows}</div>`;
}
