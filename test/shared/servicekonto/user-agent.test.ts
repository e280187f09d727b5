import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BROWSER_NAMES,
  describeUserAgent,
  OS_NAMES,
  reduceUserAgent,
} from '../../../shared/servicekonto/user-agent';

/** Real User-Agent strings as browsers send them (copied from the browsers / their vendors' docs), with what a person calls them. */
const REAL: ReadonlyArray<readonly [string, string]> = [
  [
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    'Chrome on Linux',
  ],
  [
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.6778.33 Safari/537.36',
    'Chrome on Linux',
  ],
  [
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Ubuntu Chromium/37.0.2062.94 Chrome/37.0.2062.94 Safari/537.36',
    'Chromium on Linux',
  ],
  [
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/120.0.0.0 Chrome/120.0.0.0 Safari/537.36',
    'Chromium on Linux',
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    'Chrome on Windows',
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0',
    'Edge on Windows',
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 OPR/106.0.0.0',
    'Opera on Windows',
  ],
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0',
    'Firefox on Windows',
  ],
  [
    'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0',
    'Firefox on Linux',
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15',
    'Safari on macOS',
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    'Chrome on macOS',
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.2; rv:121.0) Gecko/20100101 Firefox/121.0',
    'Firefox on macOS',
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1',
    'Safari on iOS',
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1',
    'Chrome on iOS',
  ],
  [
    'Mozilla/5.0 (iPad; CPU OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/121.0 Mobile/15E148 Safari/605.1.15',
    'Firefox on iOS',
  ],
  [
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36',
    'Chrome on Android',
  ],
  ['Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0', 'Firefox on Android'],
  [
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36 EdgA/120.0.0.0',
    'Edge on Android',
  ],
  [
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    'Chrome on ChromeOS',
  ],
  // Not in our list of browsers: named by the OS only, or not at all.
  [
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Vivaldi/6.5.3206.48',
    'unknown browser on Linux',
  ],
  ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 'unknown browser'],
  ['curl/8.5.0', 'unknown browser'],
  ['', 'unknown browser'],
  ['   ', 'unknown browser'],
];

/** The set of every label describeUserAgent can produce (English words). */
const LABELS = new Set<string>([
  'unknown browser',
  ...OS_NAMES.map((o) => `unknown browser on ${o}`),
  ...BROWSER_NAMES,
  ...BROWSER_NAMES.flatMap((b) => OS_NAMES.map((o) => `${b} on ${o}`)),
]);

describe('describeUserAgent', () => {
  it.each(REAL)('%s → %s', (ua, label) => {
    expect(describeUserAgent(ua)).toBe(label);
  });

  it('still names the browser of a UA the server cut at 120 characters (it keeps no more)', () => {
    for (const [ua, label] of REAL) expect(describeUserAgent(ua.slice(0, 120))).toBe(label);
  });

  it("uses the caller's words (the app's German ones)", () => {
    const de = {
      browserOnOs: (b: string, o: string) => `${b} unter ${o}`,
      unknownBrowser: 'unbekannter Browser',
    };
    expect(describeUserAgent(REAL[0]![0], de)).toBe('Chrome unter Linux');
    expect(describeUserAgent('curl/8.5.0', de)).toBe('unbekannter Browser');
    expect(describeUserAgent(REAL[19]![0], de)).toBe('unbekannter Browser unter Linux');
  });

  it('never throws and only ever returns one of its fixed labels, so no UA text (control or bidi characters included) reaches the screen', () => {
    const tricky = fc.oneof(
      fc.string({ maxLength: 300, unit: 'binary' }),
      // Real-looking UAs with control/format characters and junk spliced in.
      fc
        .tuple(
          fc.constantFrom(...REAL.map(([ua]) => ua)),
          fc.nat(),
          fc.string({
            maxLength: 20,
            unit: fc.constantFrom(
              '\u0000',
              '\u001b',
              '\u202e',
              '\u2066',
              '\n',
              '\r',
              '\u0085',
              '\u200b',
              'Edg/',
              'Firefox/',
              '(',
              ')',
              ';',
            ),
          }),
        )
        .map(
          ([ua, at, junk]) =>
            ua.slice(0, at % (ua.length + 1)) + junk + ua.slice(at % (ua.length + 1)),
        ),
      fc.string({ minLength: 1025, maxLength: 3000 }),
    );
    fc.assert(
      fc.property(tricky, (ua) => {
        const label = describeUserAgent(ua);
        expect(LABELS.has(label)).toBe(true);
        expect(label.length).toBeLessThanOrEqual(30);
        expect(label).not.toMatch(/[\p{Cc}\p{Cf}]/u);
        const summary = reduceUserAgent(ua);
        expect(summary.browser === null || BROWSER_NAMES.includes(summary.browser)).toBe(true);
        expect(summary.os === null || OS_NAMES.includes(summary.os)).toBe(true);
      }),
    );
  });

  it('treats a non-string (a wrong shape from outside) as unknown rather than throwing', () => {
    expect(reduceUserAgent(undefined as unknown as string)).toEqual({ browser: null, os: null });
    expect(reduceUserAgent(42 as unknown as string)).toEqual({ browser: null, os: null });
  });
});
