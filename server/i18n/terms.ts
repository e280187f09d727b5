/**
 * German domain terms the English pages keep (users meet them in every German Servicekonto) and the
 * one English gloss each gets on its first use on a page. Levels come from shared/levels.ts, so the
 * pages, the app and the wire formats gloss them alike.
 */
import { DATA_LEVELS, LEVEL_GLOSS_EN, LEVEL_NAME_DE } from '../../shared/levels';

/** Term → gloss, longest terms first so a longer term is never cut by a shorter one. */
export const GERMAN_TERMS_EN: readonly (readonly [term: string, gloss: string])[] = (
  [
    ['Online-Ausweisfunktion', 'German eID'],
    ['Vertrauensniveau', 'level of assurance'],
    ['Sperrpasswort', 'block password'],
    ['Servicekonto', 'service account'],
    ['Sperrung', 'blocking'],
    ...DATA_LEVELS.map((l): [string, string] => [LEVEL_NAME_DE[l], LEVEL_GLOSS_EN[l]]),
  ] as [string, string][]
).sort((a, b) => b[0].length - a[0].length);

const TERM = new RegExp(
  `(?<![\\p{L}\\-])(${GERMAN_TERMS_EN.map(([t]) => t).join('|')})(?![\\p{L}\\-])`,
  'gu',
);
const GLOSS: ReadonlyMap<string, string> = new Map(GERMAN_TERMS_EN);
/** Elements whose text is not page content (no gloss there). */
const SKIPPED = new Set(['title', 'script', 'style', 'textarea']);

/**
 * Adds "(gloss)" after the first use of each German term in the text of `<body>`, in document order:
 * tags and attribute values are left alone, as are `<title>`, scripts and styles. The markup comes
 * from our own escaping templates, so a `>` never occurs inside an attribute value.
 */
export function glossFirstUse(markup: string): string {
  const bodyAt = markup.indexOf('<body');
  if (bodyAt < 0) return markup;
  const seen = new Set<string>();
  let skipping: string | undefined;
  const parts = markup.slice(bodyAt).split(/(<[^>]*>)/);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    if (part.startsWith('<')) {
      const name = /^<\/?([a-zA-Z0-9-]+)/.exec(part)?.[1]?.toLowerCase();
      if (name && SKIPPED.has(name)) skipping = part.startsWith('</') ? undefined : name;
      continue;
    }
    if (skipping || !part) continue;
    parts[i] = part.replace(TERM, (term: string) => {
      if (seen.has(term)) return term;
      seen.add(term);
      return `${term} (${GLOSS.get(term) ?? ''})`;
    });
  }
  return markup.slice(0, bodyAt) + parts.join('');
}
