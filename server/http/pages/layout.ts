import { html, type HtmlValue, type SafeHtml } from './html';
import { postForm, notices, type Notice, type PageContext } from './view';

/**
 * The one page frame: language, test-mode banner, navigation with the language switch and logout,
 * a stylesheet and scripts served from /assets (the CSP allows no inline script or style).
 */
export function layout(ctx: PageContext, title: string, content: HtmlValue, opts: { notices?: Notice[] } = {}): SafeHtml {
  const other = ctx.lang === 'de' ? 'en' : 'de';
  const switchHref = `${ctx.path}?lang=${other}`;
  const nav = ctx.username
    ? html`<a href="/account">${ctx.t('nav.account')}</a>
<a href="/block">${ctx.t('nav.block')}</a>
${postForm(ctx, '/logout', html`<button type="submit" class="link">${ctx.t('nav.logout')}</button>`, { class: 'inline', id: 'logout-form' })}`
    : html`<a href="/login">${ctx.t('nav.login')}</a>
<a href="/register">${ctx.t('nav.register')}</a>
<a href="/block">${ctx.t('nav.block')}</a>`;
  const testLinks = ctx.testMode
    ? html`<a href="/outbox/sms">${ctx.t('nav.outboxSms')}</a> <a href="/outbox/email">${ctx.t('nav.outboxEmail')}</a>`
    : '';
  return html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} – ${ctx.t('app.name')}</title>
<link rel="stylesheet" href="/assets/pages.css">
${(ctx.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body>
<a class="skip" href="#main">${ctx.t('nav.skip')}</a>
${ctx.testMode ? html`<div class="test-banner" role="note" data-testid="test-mode-banner">${ctx.t('app.testMode')}</div>` : ''}
<header>
<nav aria-label="${ctx.t('app.name')}">
<a class="brand" href="/">${ctx.t('app.name')}</a>
${nav}
${testLinks}
<a class="lang" href="${switchHref}" hreflang="${other}" lang="${other}" title="${ctx.t('nav.languageHint')}" data-testid="lang-switch">${ctx.t('nav.language')}</a>
</nav>
</header>
<main id="main">
<h1>${title}</h1>
${notices(opts.notices)}
${content}
</main>
</body>
</html>`;
}
