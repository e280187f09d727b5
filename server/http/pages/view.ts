import type { Lang, MessageKey, Translate } from '../../i18n';
import { html, type HtmlValue, type SafeHtml } from './html';

/** Level words as they appear in the API and the pages. */
export type PageLevel = 'basisregistrierung' | 'niedrig' | 'substanziell' | 'hoch';

/** What every page template needs besides its own view model. */
export interface PageContext {
  lang: Lang;
  t: Translate;
  testMode: boolean;
  /** CSRF token for the hidden field of every form. */
  csrfToken: string;
  /** The logged-in username, if any (for the navigation). */
  username?: string;
  /** Request path without query, for the language switch link. */
  path: string;
  /** Extra scripts served from /assets (never inline; the CSP forbids it). */
  scripts?: string[];
}

/** One-line notices shown above a page's content. */
export interface Notice {
  kind: 'ok' | 'error' | 'info';
  text: string;
}

/** The level word, with an English gloss in the English UI ("substanziell (substantial)"). */
export function levelText(ctx: PageContext, level: PageLevel | undefined): string {
  if (!level) return ctx.t('level.none');
  const word = ctx.t(`level.${level}` as MessageKey);
  const gloss = ctx.t(`level.gloss.${level}` as MessageKey);
  return gloss ? `${word} (${gloss})` : word;
}

/** A level badge; `data-level` lets tests and CSS find the machine value. */
export function levelBadge(ctx: PageContext, level: PageLevel | undefined): SafeHtml {
  return html`<span class="level level-${level ?? 'none'}" data-level="${level ?? 'none'}">${levelText(ctx, level)}</span>`;
}

/** The hidden CSRF field every form carries. */
export function csrfField(ctx: PageContext): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">`;
}

/** A POST form with the CSRF field; all forms go through here so none can forget it. */
export function postForm(ctx: PageContext, action: string, body: HtmlValue, attrs: { id?: string; class?: string } = {}): SafeHtml {
  return html`<form method="post" action="${action}"${attrs.id ? html` id="${attrs.id}"` : ''}${attrs.class ? html` class="${attrs.class}"` : ''}>${csrfField(ctx)}${body}</form>`;
}

/** A labelled text-like input. Values are escaped; password fields never get a value back. */
export function field(opts: {
  name: string;
  label: string;
  type?: 'text' | 'password' | 'email' | 'tel' | 'date' | 'number';
  value?: string;
  required?: boolean;
  autocomplete?: string;
  hint?: string;
  inputmode?: 'numeric' | 'text';
  pattern?: string;
}): SafeHtml {
  const type = opts.type ?? 'text';
  const id = `f-${opts.name}`;
  const value = type === 'password' ? undefined : opts.value;
  return html`<div class="field"><label for="${id}">${opts.label}</label>
<input id="${id}" name="${opts.name}" type="${type}"${value !== undefined ? html` value="${value}"` : ''}${opts.required ? html` required` : ''}${opts.autocomplete ? html` autocomplete="${opts.autocomplete}"` : ''}${opts.inputmode ? html` inputmode="${opts.inputmode}"` : ''}${opts.pattern ? html` pattern="${opts.pattern}"` : ''}${opts.hint ? html` aria-describedby="${id}-hint"` : ''}>
${opts.hint ? html`<p class="hint" id="${id}-hint">${opts.hint}</p>` : ''}</div>`;
}

/** Renders notices (errors, confirmations) with roles so screen readers announce them. */
export function notices(list: readonly Notice[] | undefined): SafeHtml {
  if (!list || list.length === 0) return html``;
  return html`${list.map((n) => html`<p class="notice notice-${n.kind}" role="${n.kind === 'error' ? 'alert' : 'status'}">${n.text}</p>`)}`;
}

/** Whole minutes, rounded down, never negative. */
export function minutes(ms: number): number {
  return Math.max(0, Math.floor(ms / 60_000));
}

/** Formats an epoch-ms instant for the page language (UTC, so tests and servers agree). */
export function formatTime(ctx: PageContext, epochMs: number | undefined): string {
  if (epochMs === undefined) return ctx.t('account.never');
  return new Intl.DateTimeFormat(ctx.lang === 'de' ? 'de-DE' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(epochMs)) + ' UTC';
}
