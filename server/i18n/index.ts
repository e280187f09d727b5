import { de, type MessageKey, type Messages } from './de';
import { en } from './en';
import type { Lang } from './negotiate';

export { LANGS, asLang, negotiateLang, type Lang } from './negotiate';
export type { MessageKey, Messages } from './de';

const DICTS: Readonly<Record<Lang, Messages>> = { de, en };

/** A translate function bound to one language, handed to every page template. */
export type Translate = (
  key: MessageKey,
  params?: Readonly<Record<string, string | number>>,
) => string;

/**
 * Returns `t(key, params)` for a language. Placeholders `{name}` are replaced by plain text; the
 * page's `html` template escapes the result, so parameters may be user-controlled.
 */
export function translator(lang: Lang): Translate {
  const dict = DICTS[lang];
  return (key, params) => {
    const text = dict[key] ?? de[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
    );
  };
}
