/** The languages the server's pages speak; German first because the Servicekonto is German. */
export const LANGS = ['de', 'en'] as const;

/** One supported page language. */
export type Lang = (typeof LANGS)[number];

/** Narrows any string (query, cookie) to a supported language or undefined. */
export function asLang(value: unknown): Lang | undefined {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value)
    ? (value as Lang)
    : undefined;
}

/**
 * Picks a language from an Accept-Language header (RFC 9110 §12.5.4: ranges with q-values).
 * Hand-written because it is a dozen lines and the only fastify helper (@fastify/accepts) is not a
 * dependency. Unknown or malformed input falls back to German.
 */
export function negotiateLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'de';
  let best: { lang: Lang; q: number; order: number } | undefined;
  const parts = acceptLanguage.slice(0, 1000).split(',');
  parts.forEach((part, order) => {
    const [rangeRaw, ...params] = part.trim().split(';');
    const range = (rangeRaw ?? '').trim().toLowerCase();
    let q = 1;
    for (const p of params) {
      const m = /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p);
      if (m) q = Number(m[1]);
    }
    if (!(q > 0)) return;
    const primary = range.split('-')[0] ?? '';
    const lang = asLang(primary) ?? (range === '*' ? 'de' : undefined);
    if (!lang) return;
    if (!best || q > best.q || (q === best.q && order < best.order)) best = { lang, q, order };
  });
  return best?.lang ?? 'de';
}
