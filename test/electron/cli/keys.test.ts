import { afterAll, describe, expect, it } from 'vitest';
import { serveSoftAuthenticatorUdp } from '../../support/soft-authenticator/serve-udp';
import { enrolResident } from '../../support/soft-authenticator/enrol';
import { cliSandbox, type CliRun } from './run-cli';

/**
 * `faktor keys …` as testers run it (a child process), against the software authenticator on loopback
 * UDP (`--udp PORT`, the solo1/canokey simulator convention) — the stand-in for a USB key, which cannot
 * exist in CI — and once against the real node-hid enumeration of this machine (no keys).
 */

const box = cliSandbox();
const pin = box.file('pin', '2468\n');
const newPin = box.file('new-pin', '975310\n');
const shortPin = box.file('short-pin', '12\n');
const last = (r: CliRun): Record<string, unknown> => r.lines[r.lines.length - 1] ?? {};
type Served = Awaited<ReturnType<typeof serveSoftAuthenticatorUdp>>;
const served: Served[] = [];
async function softKey(
  options: Parameters<typeof serveSoftAuthenticatorUdp>[1] = {},
): Promise<Served> {
  const s = await serveSoftAuthenticatorUdp(0, options);
  served.push(s);
  return s;
}

afterAll(async () => {
  for (const s of served) await s.stop();
  await box.cleanup();
});

describe('faktor keys', () => {
  it('--help names every subcommand; a wrong subcommand or a reset without --yes is a usage error (2)', async () => {
    const help = await box.run(['keys', '--help']);
    expect(help.code).toBe(0);
    for (const sub of ['keys info', 'keys pin', 'keys creds', 'keys reset', '--udp PORT'])
      expect(help.stdout).toContain(sub);
    expect((await box.run(['keys', 'bogus'])).code).toBe(2);
    const k = await softKey();
    const noYes = await box.run(['keys', 'reset', '--udp', String(k.port), '--json']);
    expect(noYes.code).toBe(2);
    expect(last(noYes)).toMatchObject({ error: { code: 'usage' } });
    expect(k.hid.authenticator.winks).toBe(0);
  }, 60_000);

  it('lists the key and shows its info; sets and changes the PIN under the policy; a wrong PIN is refused (1)', async () => {
    const k = await softKey();
    const port = String(k.port);
    const listed = await box.run(['keys', '--udp', port, '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect((last(listed).keys as unknown[])[0]).toMatchObject({
      path: `udp:127.0.0.1:${port}`,
      ctap2: true,
      pinSet: false,
      versions: ['U2F_V2', 'FIDO_2_0', 'FIDO_2_1'],
    });
    const info = await box.run(['keys', 'info', '--udp', port]);
    expect(info.code, info.stderr).toBe(0);
    expect(info.stdout).toContain(
      `AAGUID        ${Buffer.from(k.hid.authenticator.core.aaguid).toString('hex')}`,
    );
    expect(info.stdout).toContain('not set; at least 4 characters');

    const short = await box.run([
      'keys',
      'pin',
      '--udp',
      port,
      '--new-pin-file',
      shortPin,
      '--json',
    ]);
    expect(short.code).toBe(1);
    expect(last(short)).toMatchObject({ error: { code: 'key-pin-policy' } });
    expect((await box.run(['keys', 'pin', '--udp', port, '--new-pin-file', pin])).code).toBe(0);
    const wrong = await box.run([
      'keys',
      'pin',
      '--udp',
      port,
      '--pin-file',
      newPin,
      '--new-pin-file',
      newPin,
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Wrong PIN for the security key');
    const changed = await box.run([
      'keys',
      'pin',
      '--udp',
      port,
      '--pin-file',
      pin,
      '--new-pin-file',
      newPin,
      '--json',
    ]);
    expect(changed.code, changed.stderr).toBe(0);
    expect(last(changed)).toMatchObject({ pin: 'changed' });
    expect(k.hid.authenticator.pin.isSet).toBe(true);
  }, 90_000);

  it('lists passkeys by site and deletes one only with --yes', async () => {
    const k = await softKey();
    const port = String(k.port);
    expect((await box.run(['keys', 'pin', '--udp', port, '--new-pin-file', pin])).code).toBe(0);
    await enrolResident(k.hid.authenticator, '2468', 'konto.example', 'erika');
    await enrolResident(k.hid.authenticator, '2468', 'konto.example', 'max');
    const listed = await box.run(['keys', 'creds', '--udp', port, '--pin-file', pin, '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    const groups = last(listed).credentials as Array<{
      rpId: string;
      credentials: Array<{ credentialId: string; userName: string }>;
    }>;
    expect(groups.map((g) => g.rpId)).toEqual(['konto.example']);
    const erika = groups[0]!.credentials.find((c) => c.userName === 'erika')!;
    expect(
      (
        await box.run([
          'keys',
          'creds',
          '--udp',
          port,
          '--pin-file',
          pin,
          '--delete',
          erika.credentialId,
        ])
      ).code,
    ).toBe(2);
    expect(k.hid.authenticator.store.resident()).toHaveLength(2);
    const deleted = await box.run([
      'keys',
      'creds',
      '--udp',
      port,
      '--pin-file',
      pin,
      '--delete',
      erika.credentialId,
      '--yes',
      '--json',
    ]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(last(deleted)).toEqual({ deleted: erika.credentialId, path: `udp:127.0.0.1:${port}` });
    const text = await box.run(['keys', 'creds', '--udp', port, '--pin-file', pin]);
    expect(text.stdout).toContain('konto.example');
    expect(text.stdout).toContain('max');
    expect(text.stdout).not.toContain('erika');
  }, 90_000);

  it('reset: at once right after plug-in (--now) with the touch prompt; too late is refused (1); no replug times out (1)', async () => {
    // A wide reset window: starting the CLI child takes seconds on a loaded machine; the strict 10 s
    // window is what the "too late" case below exercises.
    const k = await softKey({ resetWindowMs: 300_000 });
    expect(
      (await box.run(['keys', 'pin', '--udp', String(k.port), '--new-pin-file', pin])).code,
    ).toBe(0);
    await enrolResident(k.hid.authenticator, '2468', 'konto.example', 'erika');
    k.hid.touch = { mode: 'after', ms: 300 };
    const done = await box.run([
      'keys',
      'reset',
      '--udp',
      String(k.port),
      '--yes',
      '--now',
      '--json',
    ]);
    expect(done.code, done.stderr).toBe(0);
    expect(done.stderr).toContain('Touch your key now.');
    expect(k.hid.authenticator.store.resident()).toHaveLength(0);
    expect(k.hid.authenticator.pin.isSet).toBe(false);

    const late = await softKey({ resetWindowMs: 0 });
    const refused = await box.run(['keys', 'reset', '--udp', String(late.port), '--yes', '--now']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('plugged in more than 10 seconds ago');
    const waited = await box.run([
      'keys',
      'reset',
      '--udp',
      String(late.port),
      '--yes',
      '--replug-timeout',
      '1',
      '--json',
    ]);
    expect(waited.code).toBe(1);
    expect(waited.stderr).toContain('Unplug the key and plug it in again now.');
    expect(last(waited)).toMatchObject({ error: { code: 'key-timeout' } });
  }, 90_000);

  it('over real USB enumeration here (no keys): an empty list (0), and info has no key to show (1)', async () => {
    const listed = await box.run(['keys', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(last(listed)).toEqual({ keys: [] });
    const info = await box.run(['keys', 'info', '--json']);
    expect(info.code).toBe(1);
    expect(last(info)).toMatchObject({ error: { code: 'key-removed' } });
  }, 60_000);
});
