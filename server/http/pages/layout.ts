import { glossFirstUse } from '../../i18n/terms';
import { html, SafeHtml, type HtmlValue } from './html';
import { postForm, notices, type Notice, type PageContext } from './view';

/** Scripts every page loads: the progressive enhancement that shows times in the reader's zone. */
const PAGE_SCRIPTS = ['/assets/local-time.js'];

/**
 * The one page frame: language, landmarks (header with the test-mode banner and navigation, main with
 * the page's only h1, footer), a stylesheet and scripts served from /assets (the CSP allows no inline
 * script or style). English pages gloss each German domain term on its first use.
 */
export function layout(
  ctx: PageContext,
  title: string,
  content: HtmlValue,
  opts: { notices?: Notice[] } = {},
): SafeHtml {
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
  const page = html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} – ${ctx.t('app.name')}</title>
<link rel="stylesheet" href="/assets/pages.css">
${[...PAGE_SCRIPTS, ...(ctx.scripts ?? [])].map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body>
<a class="skip" href="#main">${ctx.t('nav.skip')}</a>
<header>
${ctx.testMode ? html`<p class="test-banner" data-testid="test-mode-banner">${ctx.t('app.testMode')}</p>` : ''}
<nav aria-label="${ctx.t('app.name')}">
<a class="brand" href="/">${ctx.t('app.name')}</a>
${nav}
${testLinks}
<a class="lang" href="${switchHref}" hreflang="${other}" lang="${other}" title="${ctx.t('nav.languageHint')}" data-testid="lang-switch">${ctx.t('nav.language')}</a>
</nav>
</header>
<main id="main">
<h1>${title}</h1>
${notices([...(ctx.flashNotices ?? []), ...(opts.notices ?? [])])}
${content}
</main>
<footer><p>${ctx.t('app.footer')}</p></footer>
</body>
</html>`;
  return ctx.lang === 'en' ? new SafeHtml(glossFirstUse(page.value)) : page;
}
