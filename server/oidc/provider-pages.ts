/**
 * The few pages oidc-provider renders itself — RP-initiated logout confirmation, "logged out", and
 * errors — in German or English (Accept-Language), styled with the server's stylesheet.
 */
import type { KoaContextWithOIDC } from 'oidc-provider';
import { negotiateLang } from '../i18n';
import { html, trustedHtml, type SafeHtml } from '../http/pages/html';
import { oidcTexts, type OidcTranslate } from './texts';

function frame(
  ctx: KoaContextWithOIDC,
  title: (t: OidcTranslate) => string,
  body: (t: OidcTranslate) => SafeHtml,
): string {
  const lang = negotiateLang(ctx.get('accept-language'));
  const t = oidcTexts(lang);
  return html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title(t)}</title><link rel="stylesheet" href="/assets/pages.css"></head>
<body><main id="main"><h1>${title(t)}</h1>${body(t)}</main></body></html>`.value;
}

/** RP-initiated logout: asks before ending the Servicekonto session (the provider's form carries its xsrf token). */
export async function logoutPage(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  ctx.type = 'html';
  ctx.body = frame(
    ctx,
    (t) => t('logout.title'),
    (t) => html`<p>${t('logout.question')}</p>${trustedHtml(form)}
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout" data-testid="logout-yes">${t('logout.yes')}</button>
<button type="submit" form="op.logoutForm" class="secondary">${t('logout.no')}</button>`,
  );
}

/** Shown after a logout that named no post_logout_redirect_uri. */
export async function loggedOutPage(ctx: KoaContextWithOIDC): Promise<void> {
  ctx.type = 'html';
  ctx.body = frame(
    ctx,
    (t) => t('logout.title'),
    (t) => html`<p class="notice notice-ok" role="status">${t('logout.done')}</p>`,
  );
}

/** Errors the provider cannot send back to the service (bad client, redirect URI mismatch): code only, no internals. */
export async function errorPage(
  ctx: KoaContextWithOIDC,
  out: { error: string; error_description?: string },
): Promise<void> {
  ctx.type = 'html';
  ctx.body = frame(
    ctx,
    (t) => t('error.title'),
    (t) =>
      html`<p class="notice notice-error" role="alert">${t('error.text')}</p><p><code data-testid="oidc-error">${out.error}</code>${out.error_description ? html` – ${out.error_description}` : ''}</p>`,
  );
}
