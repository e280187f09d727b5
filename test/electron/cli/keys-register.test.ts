import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, startTestServer, type TestServer } from '../../server/http/client';
import { serveSoftAuthenticatorUdp } from '../../support/soft-authenticator/serve-udp';
import { pairConfirmedCli } from './paired-cli';
import { cliSandbox, type CliRun } from './run-cli';

/**
 * `faktor keys register` / `faktor keys means` as testers run them (a child process): a paired,
 * confirmed account on the real server, the software authenticator on loopback UDP (`--udp PORT`, the
 * stand-in for a USB key, which cannot exist in CI), @simplewebauthn/server verifying inside the server.
 */

let t: TestServer;
const box = cliSandbox();
const pin = box.file('pin', '864209\n');
const wrongPin = box.file('wrong-pin', '864200\n');
const password = box.file('password', `${PASSWORD}\n`);
const keyPin = box.file('key-pin', '2468\n');
const last = (r: CliRun): Record<string, unknown> => r.lines[r.lines.length - 1] ?? {};
let soft: Awaited<ReturnType<typeof serveSoftAuthenticatorUdp>> | undefined;

beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await soft?.stop();
  await t.stop();
  await box.cleanup();
});

describe('faktor keys register / means', () => {
  it('registers the key as password + security key at the paired account, then names that means for the key', async () => {
    await pairConfirmedCli(box, t.url, 'cli-key', pin);

    soft = await serveSoftAuthenticatorUdp(0);
    const port = String(soft.port);
    expect((await box.run(['keys', 'pin', '--udp', port, '--new-pin-file', keyPin])).code).toBe(0);
    const none = await box.run(['keys', 'means', '--udp', port, '--json']);
    expect(none.code, none.stderr).toBe(0);
    expect(last(none)).toMatchObject({ matches: [], unreachable: [] });

    const usage = await box.run(['keys', 'register', '--udp', port, '--json']);
    expect([usage.code, (last(usage).error as { code: string }).code]).toEqual([2, 'usage']);
    const base = [
      'keys',
      'register',
      'cli-key',
      '--udp',
      port,
      '--account-password-file',
      password,
      '--key-pin-file',
      keyPin,
      '--label',
      'Schlüsselbund',
      '--json',
    ];
    const wrong = await box.run([...base, '--pin-file', wrongPin]);
    expect(wrong.code).toBe(1);
    expect(last(wrong)).toMatchObject({ error: { code: 'server-refused' } });

    const ok = await box.run([...base, '--pin-file', pin]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('Touch your security key again to confirm.');
    const registered = last(ok).registered as {
      meansId: string;
      level: string;
      status: string;
      label: string;
    };
    expect(registered).toMatchObject({
      level: 'substanziell',
      status: 'active',
      label: 'Schlüsselbund',
    });

    const found = await box.run(['keys', 'means', '--udp', port]);
    expect(found.code, found.stderr).toBe(0);
    expect(found.stdout).toContain(
      `Servicekonto ${t.server.origin} (cli-key): means Schlüsselbund (active)`,
    );
    const view = last(await box.run(['means', 'cli-key', '--json'])).means as {
      means: { id: string; kind: string; credentialId?: string }[];
    };
    expect(view.means.find((m) => m.id === registered.meansId)).toMatchObject({
      kind: 'password+security-key',
    });
  }, 180_000);

  it('a U2F-only key (INIT without the CBOR capability) takes the U2F path by itself: registered, then named by check-only probes', async () => {
    await pairConfirmedCli(box, t.url, 'cli-u2f', pin);
    await soft?.stop();
    soft = await serveSoftAuthenticatorUdp(0, { ctap2: false });
    const port = String(soft.port);
    const listed = await box.run(['keys', 'info', '--udp', port]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain('U2F');
    expect(listed.stdout).not.toContain('FIDO2');

    const ok = await box.run([
      'keys',
      'register',
      'cli-u2f',
      '--udp',
      port,
      '--pin-file',
      pin,
      '--account-password-file',
      password,
      '--label',
      'U2F-Schlüssel',
      '--json',
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('Touch your security key now.');
    expect(ok.stderr).toContain('Touch your security key again to confirm.');
    const registered = last(ok).registered as { meansId: string };
    expect(registered).toMatchObject({
      level: 'substanziell',
      status: 'active',
      label: 'U2F-Schlüssel',
    });

    const found = await box.run(['keys', 'means', '--udp', port, '--json']);
    expect(found.code, found.stderr).toBe(0);
    expect(
      (last(found).matches as { accountName: string; meansId: string }[]).map((m) => [
        m.accountName,
        m.meansId,
      ]),
    ).toEqual([['cli-u2f', registered.meansId]]);
  }, 180_000);
});
