/**
 * The exact pages Faktor may open in the OS browser (checklist item 15). Whole URLs, not hosts: a
 * host allowlist let a compromised renderer open `https://github.com/<anything>?<data>` without a user
 * gesture — a way to send data out despite `connect-src 'self'` (issue #7 item 11). Add a URL here
 * together with the reason; never a prefix or a wildcard.
 */
export const ALLOWED_EXTERNAL_URLS: readonly string[] = [
  // project home, issue tracker and release notes
  'https://github.com/faktor/faktor',
  'https://github.com/faktor/faktor/issues',
  'https://github.com/faktor/faktor/releases',
];

/**
 * The one gate in front of `shell.openExternal`: only an `https:` URL that, once parsed and
 * normalised, is exactly one of `allowedUrls` (same host, path, no query, no fragment, no credentials,
 * no port). Returns the normalised URL to open, or null.
 */
export function createExternalUrlPolicy(
  allowedUrls: readonly string[],
): (url: string) => string | null {
  const allowed = new Set(allowedUrls.map((u) => new URL(u).href));
  return (url) => {
    if (typeof url !== 'string' || url.length > 2048) return null;
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return null;
    }
    if (parsed.protocol !== 'https:') return null;
    if (parsed.username !== '' || parsed.password !== '') return null;
    if (parsed.port !== '' || parsed.search !== '' || parsed.hash !== '') return null;
    return allowed.has(parsed.href) ? parsed.href : null;
  };
}
