import { describe, expect, it } from 'vitest';
import {
  createLinkInbox,
  MAX_EARLY_LINKS,
} from '../../../../../electron/main/services/desktop/link-inbox';

// The platform glue (bootstrap.ts) only forwards Electron's argv / open-url here; the Electron binary
// itself cannot run in CI, so these are the argv shapes Windows, Linux and macOS hand over.
describe('faktor:// link inbox', () => {
  it('takes only faktor:// arguments from a command line, holds them until the window is ready, then opens each at once', () => {
    const inbox = createLinkInbox();
    const opened: string[] = [];
    inbox.receive([
      '/opt/Faktor/faktor',
      '--no-sandbox',
      'faktor://login?v=1&p=a',
      'https://evil.example/',
      'FAKTOR://login?v=1&p=b',
    ]);
    inbox.receive(['faktor://login?v=1&p=c']); // macOS open-url before 'ready'
    expect(opened).toEqual([]);
    inbox.attach((l) => opened.push(l));
    expect(opened).toEqual([
      'faktor://login?v=1&p=a',
      'FAKTOR://login?v=1&p=b',
      'faktor://login?v=1&p=c',
    ]);
    inbox.receive([
      'C:\\Faktor\\Faktor.exe',
      '--allow-file-access-from-files',
      'faktor://login?v=1&p=d',
      42,
      null,
    ]); // a second instance
    expect(opened.at(-1)).toBe('faktor://login?v=1&p=d');
    expect(opened).toHaveLength(4);
  });

  it(`holds at most ${MAX_EARLY_LINKS} links before the window is ready (a page firing links at a starting app)`, () => {
    const inbox = createLinkInbox();
    inbox.receive(Array.from({ length: 50 }, (_, i) => `faktor://login?v=1&p=${i}`));
    const opened: string[] = [];
    inbox.attach((l) => opened.push(l));
    expect(opened).toHaveLength(MAX_EARLY_LINKS);
    expect(opened[0]).toBe('faktor://login?v=1&p=0');
  });
});
