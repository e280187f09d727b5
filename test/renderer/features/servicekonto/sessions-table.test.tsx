import i18next from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DeviceSession } from '../../../../shared/servicekonto/device-sessions';
import { SessionsTable } from '../../../../renderer/src/features/servicekonto/SessionsTable';
import { de } from '../../../../renderer/src/i18n/de';
import { en } from '../../../../renderer/src/i18n/en';

const CHROME_LINUX =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';

const session = (over: Partial<DeviceSession>): DeviceSession => ({
  id: 's1',
  level: 'substanziell',
  downgradedFrom: null,
  startedAt: Date.UTC(2026, 11, 2, 19, 0),
  lastActivityAt: Date.UTC(2026, 11, 2, 19, 30),
  idleRemainingSeconds: 1799,
  absoluteRemainingSeconds: 7000,
  endsInSeconds: 1799,
  browser: CHROME_LINUX,
  ip: '127.0.0.1',
  latest: true,
  ...over,
});

/** The real table rendered by react-dom/server with the app's strings (no DOM needed for the markup). */
const html = async (lng: 'en' | 'de', sessions: DeviceSession[]): Promise<string> => {
  await i18next.changeLanguage(lng);
  return renderToStaticMarkup(
    <SessionsTable
      sessions={sessions}
      fetchedAt={Date.now()}
      fetchedAtMono={performance.now()}
      onExpired={() => undefined}
    />,
  );
};

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, de: { translation: de } },
    lng: 'en',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
});

describe('SessionsTable', () => {
  it('names the browser "Chrome on Linux" and keeps the raw User-Agent as the tooltip', async () => {
    const markup = await html('en', [session({})]);
    expect(markup).toContain(
      `<span class="servicekonto-browser" title="${CHROME_LINUX}">Chrome on Linux</span>`,
    );
    expect(await html('de', [session({})])).toContain('>Chrome unter Linux</span>');
  });

  it('shows "unknown browser" (no tooltip) for a session without a User-Agent', async () => {
    expect(await html('en', [session({ browser: '' })])).toContain(
      '<span class="servicekonto-browser">unknown browser</span>',
    );
    expect(await html('de', [session({ browser: '' })])).toContain(
      '<span class="servicekonto-browser">unbekannter Browser</span>',
    );
  });

  it('shows the time left to the second, keeps the ticking cells out of any live region, and says "expired" at 0', async () => {
    const markup = await html('en', [
      session({}),
      session({ id: 's2', latest: false, idleRemainingSeconds: 0, absoluteRemainingSeconds: 45 }),
    ]);
    expect(markup).toContain('<td data-seconds="1799" aria-live="off">29 min 59 s</td>');
    expect(markup).toContain('<td data-seconds="7000" aria-live="off">1 h 56 min</td>');
    expect(markup).toContain('<td data-seconds="0" aria-live="off">expired</td>');
    expect(markup).toContain('<td data-seconds="45" aria-live="off">45 s</td>');
    expect(markup).toMatch(/<tr data-session="s2" data-level="substanziell" data-expired="true">/);
    expect(markup).not.toMatch(/aria-live="(polite|assertive)"|role="(timer|status|alert)"/);
    const german = await html('de', [session({ idleRemainingSeconds: 0 })]);
    expect(german).toContain('>abgelaufen</td>');
    expect(german).toContain('>1 Std. 56 Min.</td>');
  });
});
