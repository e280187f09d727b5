import type { Lang, MessageKey, Translate } from '../../i18n';
import { LEVEL_NAME_DE } from '../../../shared/levels';
import { escapeHtml, html, SafeHtml, type HtmlValue } from './html';

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
  /** Field errors carried by the redirect that led here (post/redirect/get), by field id. */
  errors?: FieldErrors;
  /** What the user typed before that redirect (never passwords or codes), by field name. */
  values?: Readonly<Record<string, string>>;
  /** Notices carried by that redirect; the layout shows them above the page's own. */
  flashNotices?: readonly Notice[];
}

/** One-line notices shown above a page's content. */
export interface Notice {
  kind: 'ok' | 'error' | 'info';
  text: string | SafeHtml;
}

/** A field's error text per field id (`f-username`, `code-<meansId>`), shown next to the field. */
export type FieldErrors = Readonly<Record<string, string>>;

/**
 * The level word as users know it (German in both languages). The English pages gloss it on its first
 * use through the one gloss pass of the layout (server/i18n/terms.ts), not here.
 */
export function levelText(ctx: PageContext, level: PageLevel | undefined): string {
  if (!level) return ctx.t('level.none');
  const word = LEVEL_NAME_DE[level];
  // German pages add their own hint (e.g. "nicht verifiziert"); English ones leave the gloss to the layout.
  const hint = ctx.lang === 'de' ? ctx.t(`level.gloss.${level}` as MessageKey) : '';
  return hint ? `${word} (${hint})` : word;
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
export function postForm(
  ctx: PageContext,
  action: string,
  body: HtmlValue,
  attrs: { id?: string; class?: string } = {},
): SafeHtml {
  return html`<form method="post" action="${action}"${attrs.id ? html` id="${attrs.id}"` : ''}${attrs.class ? html` class="${attrs.class}"` : ''}>${csrfField(ctx)}${body}</form>`;
}

/**
 * A labelled text-like input. Values are escaped; password fields never get a value back. An error
 * marks the input (aria-invalid, described by the error text) and focuses it when the page loads.
 */
export function field(opts: {
  name: string;
  label: string;
  /** Element id; default `f-<name>` (pass one when a page has several fields of the same name). */
  id?: string;
  type?: 'text' | 'password' | 'email' | 'tel' | 'date' | 'number';
  value?: string;
  required?: boolean;
  autocomplete?: string;
  hint?: string;
  error?: string;
  inputmode?: 'numeric' | 'text';
  pattern?: string;
}): SafeHtml {
  const type = opts.type ?? 'text';
  const id = opts.id ?? `f-${opts.name}`;
  const value = type === 'password' ? undefined : opts.value;
  const described = [opts.error ? `${id}-error` : '', opts.hint ? `${id}-hint` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field${opts.error ? ' field-invalid' : ''}"><label for="${id}">${opts.label}</label>
${opts.error ? html`<p class="field-error" id="${id}-error">${opts.error}</p>` : ''}<input id="${id}" name="${opts.name}" type="${type}"${value !== undefined ? html` value="${value}"` : ''}${opts.required ? html` required` : ''}${opts.autocomplete ? html` autocomplete="${opts.autocomplete}"` : ''}${opts.inputmode ? html` inputmode="${opts.inputmode}"` : ''}${opts.pattern ? html` pattern="${opts.pattern}"` : ''}${described ? html` aria-describedby="${described}"` : ''}${opts.error ? html` aria-invalid="true" autofocus` : ''}>
${opts.hint ? html`<p class="hint" id="${id}-hint">${opts.hint}</p>` : ''}</div>`;
}

/**
 * A required choice with nothing preselected (the user must pick deliberately). An error marks the
 * group (aria-invalid on each radio, described by the error text).
 */
export function radioGroup(opts: {
  id: string;
  name: string;
  legend: string;
  choices: readonly { value: string; label: string }[];
  error?: string;
}): SafeHtml {
  const errorId = `${opts.id}-error`;
  return html`<fieldset id="${opts.id}"${opts.error ? html` class="field-invalid"` : ''}><legend>${opts.legend}</legend>
${opts.error ? html`<p class="field-error" id="${errorId}">${opts.error}</p>` : ''}${opts.choices.map(
    (c, i) =>
      html`<div class="choice"><input type="radio" id="${opts.id}-${i}" name="${opts.name}" value="${c.value}" required${opts.error ? html` aria-invalid="true" aria-describedby="${errorId}"${i === 0 ? html` autofocus` : ''}` : ''}><label for="${opts.id}-${i}">${c.label}</label></div>`,
  )}
</fieldset>`;
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

/**
 * An instant as `<time>`: the text is UTC with its zone named (the server cannot know the reader's
 * zone), and /assets/local-time.js rewrites it to the browser's local time with its zone.
 */
export function formatTime(ctx: PageContext, epochMs: number | undefined): SafeHtml {
  if (epochMs === undefined) return html`${ctx.t('account.never')}`;
  const at = new Date(epochMs);
  const text = `${new Intl.DateTimeFormat(ctx.lang === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(at)} UTC`;
  return html`<time datetime="${at.toISOString()}" data-local-time>${text}</time>`;
}

/** A translation whose `{name}` placeholders take markup (e.g. a `<time>`); the text itself is escaped. */
export function tHtml(
  ctx: PageContext,
  key: MessageKey,
  params: Readonly<Record<string, string | number | SafeHtml>>,
): SafeHtml {
  const parts = ctx.t(key).split(/(\{\w+\})/);
  return new SafeHtml(
    parts
      .map((part) => {
        const name = /^\{(\w+)\}$/.exec(part)?.[1];
        const value = name !== undefined && Object.hasOwn(params, name) ? params[name] : undefined;
        if (value === undefined) return escapeHtml(part);
        return value instanceof SafeHtml ? value.value : escapeHtml(String(value));
      })
      .join(''),
  );
}
