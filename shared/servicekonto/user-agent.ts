import Bowser from 'bowser';

/**
 * A browser's User-Agent reduced to what a person recognises ("Chrome on Linux"), for the list of web
 * sessions in the app and in `faktor sessions`. The detection is bowser's (MIT, well kept, pure JS):
 * hand-written UA sniffing gets Edge/Opera/Chromium-on-iOS wrong in ways a maintained table does not.
 * Only names from the two fixed lists below ever come out, so nothing of the (server-relayed,
 * attacker-choosable) UA text itself reaches the screen through this function: no control characters,
 * no bidi overrides, bounded length. The raw UA stays available to the caller for a tooltip.
 */

/** The browsers named; any other (or a bot, or garbage) is `null` = "unknown browser". */
export const BROWSER_NAMES = ['Firefox', 'Chrome', 'Chromium', 'Edge', 'Safari', 'Opera'] as const;
/** A browser this function names. */
export type BrowserName = (typeof BROWSER_NAMES)[number];

/** The operating systems named; any other is `null` (left out of the label). */
export const OS_NAMES = ['Windows', 'macOS', 'Linux', 'Android', 'iOS', 'ChromeOS'] as const;
/** An operating system this function names. */
export type OsName = (typeof OS_NAMES)[number];

/** What a User-Agent says, reduced: either part may be unknown. */
export interface UserAgentSummary {
  browser: BrowserName | null;
  os: OsName | null;
}

/** bowser's browser names (its BROWSER_MAP values) → ours. */
const BROWSERS: Readonly<Record<string, BrowserName>> = {
  Firefox: 'Firefox',
  Chrome: 'Chrome',
  Chromium: 'Chromium',
  'Microsoft Edge': 'Edge',
  Safari: 'Safari',
  Opera: 'Opera',
};

/** bowser's OS names (its OS_MAP values) → ours. */
const SYSTEMS: Readonly<Record<string, OsName>> = {
  Windows: 'Windows',
  macOS: 'macOS',
  Linux: 'Linux',
  Android: 'Android',
  iOS: 'iOS',
  'Chrome OS': 'ChromeOS',
};

/** A UA longer than any real one is not worth parsing (the server keeps ≤ 120 characters anyway). */
const MAX_UA = 1024;

/** Reduces a User-Agent to browser + OS; never throws, whatever the input. */
export function reduceUserAgent(userAgent: string): UserAgentSummary {
  if (typeof userAgent !== 'string' || userAgent.trim() === '' || userAgent.length > MAX_UA)
    return { browser: null, os: null };
  try {
    const parsed = Bowser.parse(userAgent);
    const browser = Object.hasOwn(BROWSERS, parsed.browser.name ?? '')
      ? BROWSERS[parsed.browser.name ?? '']
      : undefined;
    const os = Object.hasOwn(SYSTEMS, parsed.os.name ?? '')
      ? SYSTEMS[parsed.os.name ?? '']
      : undefined;
    return { browser: browser ?? null, os: os ?? null };
  } catch {
    return { browser: null, os: null };
  }
}

/** The words around the names, per language (the app passes its i18n strings, the CLI the English ones). */
export interface UserAgentWords {
  /** e.g. "{{browser}} on {{os}}" */
  browserOnOs: (browser: string, os: string) => string;
  /** e.g. "unknown browser" */
  unknownBrowser: string;
}

/** The CLI's (English) words. */
export const ENGLISH_USER_AGENT_WORDS: UserAgentWords = {
  browserOnOs: (browser, os) => `${browser} on ${os}`,
  unknownBrowser: 'unknown browser',
};

/** "Chrome on Linux", "Firefox", "unknown browser on Android", "unknown browser": the one label for a UA. */
export function describeUserAgent(
  userAgent: string,
  words: UserAgentWords = ENGLISH_USER_AGENT_WORDS,
): string {
  const { browser, os } = reduceUserAgent(userAgent);
  const name = browser ?? words.unknownBrowser;
  return os ? words.browserOnOs(name, os) : name;
}
