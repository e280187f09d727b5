import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Client,
  PASSWORD,
  newAccount,
  startTestServer,
  type TestServer,
} from '../../server/http/client';
import { cliSandbox, type CliRun } from './run-cli';

/**
 * `faktor means` and `faktor block` against the real server's device API (device-key signatures, no
 * PIN): the account view with this desktop marked, blocking a means from the desktop (§4.4), and
 * `faktor sessions`: the account's web sessions with level and Table 2 time left, as JSON and text.
 */

type Qr = { payload: string };
type MeansRow = { id: string; kind: string; status: string; thisDevice: boolean };
let t: TestServer;
const box = cliSandbox();
const pin = box.file('pin', '864209\n');
const last = (r: CliRun): Record<string, unknown> => r.lines[r.lines.length - 1] ?? {};
/** A real Firefox User-Agent, so the CLI's reduced name is checked against what a browser sends. */
const FIREFOX_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.stop();
  await box.cleanup();
});

describe('faktor means / block', () => {
  it("shows the account's means with this desktop marked, and blocks one of them", async () => {
    const c = await newAccount(t.url, 'cli-means');
    const paired = await box.run([
      'pair',
      (await c.post<Qr>('/api/means/desktop-app')).body.payload,
      '--pin-file',
      pin,
      '--json',
    ]);
    expect(paired.code, paired.stderr).toBe(0);
    const meansId = String((last(paired).paired as { meansId: string }).meansId);
    const pendingView = last(await box.run(['means', 'cli-means', '--json'])).means as {
      thisDevice: { status: string };
    };
    expect(pendingView.thisDevice.status).toBe('pending');
    // Confirm it (§4.2; a pending device may not block anything), with the code `faktor approve` prints.
    const confirm = await box.run([
      'approve',
      (await c.post<Qr>(`/api/means/${meansId}/challenge`)).body.payload,
      '--pin-file',
      pin,
      '--json',
    ]);
    expect(
      (await c.post(`/api/means/${meansId}/authenticate`, { code: last(confirm).code })).status,
    ).toBe(200);

    const shown = await box.run(['means', 'cli-means', '--json']);
    expect(shown.code, shown.stderr).toBe(0);
    const view = last(shown).means as { accountName: string; means: MeansRow[] };
    expect(view.accountName).toBe('cli-means');
    const mine = view.means.find((m) => m.thisDevice);
    expect(mine).toMatchObject({ id: meansId, kind: 'desktop-app', status: 'active' });
    const password = view.means.find((m) => m.kind === 'password')!;

    const blocked = await box.run(['block', meansId, '--json']);
    expect(blocked.code, blocked.stderr).toBe(0);
    expect(last(blocked)).toMatchObject({ blocked: meansId });
    // The app sees its own means blocked the next time it asks; the password means is untouched.
    const again = await box.run(['means', 'cli-means', '--json']);
    expect(again.code, again.stderr).toBe(0);
    const now = last(again).means as { thisDevice: { status: string }; means: MeansRow[] };
    expect(now.thisDevice.status).toBe('blocked');
    expect(now.means.find((m) => m.id === password.id)?.status).toBe('active');
    expect(
      (
        await new Client(t.url).post('/api/login', {
          username: 'cli-means',
          password: 'correct horse battery',
        })
      ).status,
    ).toBe(200);
  }, 120_000);
});

describe('faktor sessions', () => {
  it('lists the web sessions with level and time left, the newest first; refuses while the desktop is pending', async () => {
    const c = await newAccount(t.url, 'cli-sessions');
    const paired = await box.run([
      'pair',
      (await c.post<Qr>('/api/means/desktop-app')).body.payload,
      '--pin-file',
      pin,
      '--json',
    ]);
    expect(paired.code, paired.stderr).toBe(0);
    const meansId = String((last(paired).paired as { meansId: string }).meansId);
    const pending = await box.run(['sessions', 'cli-sessions', '--json']);
    expect(pending.code).toBe(1);
    expect(last(pending)).toMatchObject({
      error: { code: 'server-refused', serverCode: 'means-pending' },
    });
    const confirm = await box.run([
      'approve',
      (await c.post<Qr>(`/api/means/${meansId}/challenge`)).body.payload,
      '--pin-file',
      pin,
      '--json',
    ]);
    expect(
      (await c.post(`/api/means/${meansId}/authenticate`, { code: last(confirm).code })).status,
    ).toBe(200);
    const other = new Client(t.url);
    expect(
      (
        await other.req(
          'POST',
          '/api/login',
          { username: 'cli-sessions', password: PASSWORD },
          { 'user-agent': FIREFOX_LINUX },
        )
      ).status,
    ).toBe(200);

    const json = await box.run(['sessions', 'cli-sessions', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const rows = json.lines.map(
      (l) =>
        l.session as {
          level: string;
          latest: boolean;
          browser: string;
          browserName: string;
          idleRemainingSeconds: number;
          absoluteRemainingSeconds: number;
        },
    );
    // The raw User-Agent stays in `browser`; `browserName` is what the text line shows.
    expect(rows.map((r) => [r.level, r.latest, r.browser, r.browserName])).toEqual([
      ['niedrig', true, FIREFOX_LINUX, 'Firefox on Linux'],
      ['substanziell', false, expect.any(String), expect.any(String)],
    ]);
    expect(rows[1]!.idleRemainingSeconds).toBeLessThanOrEqual(30 * 60);
    expect(rows[1]!.absoluteRemainingSeconds).toBeLessThanOrEqual(2 * 3600);

    const text = await box.run(['sessions', 'cli-sessions']);
    expect(text.code, text.stderr).toBe(0);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^\* niedrig {2}idle (59|60) min · absolute 1[12] h \d\d min {2}since \S+ {2}Firefox on Linux, 127\.0\.0\.1$/,
    );
    expect(lines[1]).toMatch(/^ {2}substanziell {2}idle \d+ min · absolute [12] h \d\d min/);
  }, 120_000);
});
