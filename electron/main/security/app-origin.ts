/**
 * The app's own origin and a strict way to compare origins. Everything security-relevant (IPC sender,
 * navigation, permissions) asks "is this URL from us?" through here, by parsing — never `startsWith`,
 * which `app://faktor.evil/` or `app://faktor@evil/` would pass.
 */

/** Custom scheme the UI is served from (registered as privileged, standard and secure). */
export const APP_SCHEME = 'app';
/** Host part of every app URL. */
export const APP_HOST = 'faktor';
/** The origin of the packaged UI. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The URL the main window loads in production. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Origin of `url` as `scheme://host[:port]`, or null for anything unparsable, credentialed or
 * opaque. Computed by hand because WHATWG `URL.origin` is the string "null" for non-special schemes
 * such as `app:`, which would make every custom-scheme URL "equal".
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.hostname === '') return null;
  const scheme = parsed.protocol.slice(0, -1).toLowerCase();
  if (!/^[a-z][a-z0-9+.-]*$/.test(scheme)) return null;
  return `${scheme}://${parsed.host.toLowerCase()}`;
}

/**
 * A set of trusted origins (normally just APP_ORIGIN; in development also the dev server's origin).
 * Each entry is normalised through originOf so callers can pass `http://localhost:5173/`.
 */
export function createOriginSet(origins: readonly string[]): (url: string) => boolean {
  const allowed = new Set<string>();
  for (const o of origins) {
    const n = originOf(o);
    if (n === null) throw new Error(`not an origin: ${o}`);
    allowed.add(n);
  }
  return (url) => {
    const o = originOf(url);
    return o !== null && allowed.has(o);
  };
}
