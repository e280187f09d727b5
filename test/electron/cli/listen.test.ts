import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestServer, type TestServer } from '../../server/http/client';
import { pairConfirmedCli } from './paired-cli';
import { cliSandbox, type CliRun } from './run-cli';

/**
 * `faktor listen --pin-file F --approve-number-from-stdin` against the real server's event stream
 * (GET /api/device/events) and answer route: a script sees each online login request with its three
 * numbers and answers with the number the "browser" (the push API) shows. A wrong number or a wrong
 * PIN counts as a failure at the server; the third blocks this desktop (§4.4, TR-03107-1 W4).
 */

type Push = { tx: string; number: number };
type Req = {
  request?: { tx: string; numbers: number[]; service: string; level: string; purpose: string };
};
let t: TestServer;
const box = cliSandbox();
const pin = box.file('pin', '531864\n');
const wrongPin = box.file('wrong-pin', '531865\n');
const USER = 'cli-listen';
const last = (r: CliRun): Record<string, unknown> => r.lines[r.lines.length - 1] ?? {};
const answeredOf = (r: CliRun): Record<string, unknown> | undefined =>
  r.lines.find((l) => 'answered' in l)?.answered as Record<string, unknown> | undefined;

/** The browser side: asks for an online approval; the page would show `number`. */
async function push(): Promise<Push & { browser: Client }> {
  const browser = new Client(t.url);
  const r = await browser.post<Push>('/api/login/desktop-app/push', { username: USER });
  expect(r.status).toBe(201);
  return { ...r.body, browser };
}

async function status(browser: Client, tx: string): Promise<string> {
  return String(
    (await browser.post<{ state: string }>('/api/login/desktop-app/push/status', { tx })).body
      .state,
  );
}

/** Answers one request that is already pending with `line` (the stream replays pending requests on connect). */
async function answerPending(
  line: string,
  pinFile = pin,
): Promise<{ run: CliRun; answered: Record<string, unknown> | undefined }> {
  const run = await box.run(
    ['listen', '--pin-file', pinFile, '--approve-number-from-stdin', '--count', '1', '--json'],
    `${line}\n`,
  );
  expect(run.code, run.stderr + run.stdout).toBe(0);
  return { run, answered: answeredOf(run) };
}

beforeAll(async () => {
  t = await startTestServer();
  await pairConfirmedCli(box, t.url, USER, pin);
}, 120_000);
afterAll(async () => {
  await t.stop();
  await box.cleanup();
});

describe('faktor listen', () => {
  it('receives a login request on the open stream and approves it with the number the browser shows', async () => {
    const cli = box.start([
      'listen',
      '--pin-file',
      pin,
      '--approve-number-from-stdin',
      '--count',
      '1',
      '--json',
    ]);
    try {
      await cli.waitFor((l) => (l.stream as { kind?: string } | undefined)?.kind === 'open');
      const { tx, number, browser } = await push();
      const { request } = (await cli.waitFor((l) => 'request' in l)) as Req;
      expect(request).toMatchObject({ tx, purpose: 'login', level: 'substanziell' });
      expect(request!.numbers).toHaveLength(3);
      expect(request!.numbers).toContain(number);
      expect(await status(browser, tx)).toBe('pending');
      cli.child.stdin.write(`${number}\n`);
      const run = await cli.done;
      expect(run.code, run.stderr).toBe(0);
      expect(answeredOf(run)).toMatchObject({
        tx,
        decision: 'approve',
        number,
        result: { state: 'approved' },
      });
      expect(await status(browser, tx)).toBe('approved');
    } finally {
      cli.child.kill();
    }
  }, 60_000);

  it('denies on "deny"; a wrong number and a wrong PIN are refused and, with a third failure, block this desktop', async () => {
    const denied = await push();
    expect((await answerPending('deny')).answered).toMatchObject({
      tx: denied.tx,
      decision: 'deny',
      result: { state: 'denied' },
    });
    expect(await status(denied.browser, denied.tx)).toBe('denied');

    const wrongNumber = async (pinFile: string, right: boolean): Promise<void> => {
      const p = await push();
      // The request is pending before `listen` connects (the stream replays it); a neighbour of the
      // browser's number is always a wrong one.
      const { answered } = await answerPending(
        right ? String(p.number) : String(p.number === 10 ? 11 : p.number - 1),
        pinFile,
      );
      expect(answered).toMatchObject({
        tx: p.tx,
        decision: 'approve',
        error: { code: 'server-refused' },
      });
      expect(await status(p.browser, p.tx)).not.toBe('approved');
    };
    await wrongNumber(pin, false); // wrong number, right PIN
    await wrongNumber(wrongPin, true); // right number, wrong PIN: the signature does not verify
    const means = last(await box.run(['means', USER, '--json'])).means as {
      thisDevice: { status: string };
    };
    expect(means.thisDevice.status).toBe('active');
    await wrongNumber(wrongPin, true); // third failure in a row

    const after = last(await box.run(['means', USER, '--json'])).means as {
      thisDevice: { status: string };
    };
    expect(after.thisDevice.status).toBe('blocked');
  }, 120_000);
});
