/**
 * Hosts Faktor may open in the OS browser (checklist item 15). Deliberately short; add a host here
 * together with the reason, never a wildcard.
 */
export const ALLOWED_EXTERNAL_HOSTS: readonly string[] = [
  // project home, issue tracker and release notes
  'github.com',
];

/**
 * The one gate in front of `shell.openExternal`: only `https:` URLs without credentials or a
 * non-default port whose parsed hostname is exactly on the allowlist (no suffix matching, so
 * `github.com.evil.example` and `evil-github.com` are refused). Returns the normalised URL to open,
 * or null.
 */
export function createExternalUrlPolicy(allowedHosts: readonly string[]): (url: string) => string | null {
  const hosts = new Set(allowedHosts.map((h) => h.toLowerCase()));
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
    if (parsed.port !== '') return null;
    if (!hosts.has(parsed.hostname)) return null;
    return parsed.href;
  };
}
