/**
 * A tiny tagged template for server-rendered HTML that escapes every interpolation unless it is
 * already a `SafeHtml` (the output of another `html` template or an explicit `trustedHtml`). Pages are
 * therefore escaped by construction: a user-controlled string can only reach the markup as text.
 *
 * Written by hand because the rules are five lines and a template engine would add a second,
 * differently-escaping language to review. Attribute values must always be quoted in templates
 * (`value="${x}"`); quotes are escaped, so a value can never leave its attribute.
 */

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

/** Markup that has already been escaped or is trusted; the only thing `html` inserts verbatim. */
export class SafeHtml {
  constructor(readonly value: string) {}
  /** Lets a SafeHtml be sent as a body or concatenated into another SafeHtml. */
  toString(): string {
    return this.value;
  }
}

/** Escapes the five HTML-significant characters (plus backtick) so the text stays text. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

/** Values an `html` template accepts: text is escaped, SafeHtml inserted, lists flattened, nothing dropped. */
export type HtmlValue =
  SafeHtml | string | number | bigint | boolean | null | undefined | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (value === null || value === undefined || value === false) return '';
  if (Array.isArray(value)) return value.map((v: HtmlValue) => render(v)).join('');
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number' || typeof value === 'bigint' || value === true)
    return escapeHtml(String(value));
  // Anything else (an object sneaking past the type) is stringified and escaped, never trusted.
  return escapeHtml(String(value));
}

/** The tagged template: `html\`<p>${userText}</p>\`` escapes userText; nested `html` stays markup. */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += render(values[i]) + (strings[i + 1] ?? '');
  }
  return new SafeHtml(out);
}

/**
 * Marks markup we generated ourselves (e.g. the QR code SVG from the `qrcode` package) as safe.
 * Never call it with anything a user typed.
 */
export function trustedHtml(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Joins fragments with a separator, each escaped unless already safe. */
export function joinHtml(parts: readonly HtmlValue[], separator: HtmlValue = ''): SafeHtml {
  const sep = render(separator);
  return new SafeHtml(parts.map((p) => render(p)).join(sep));
}
