import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../../shared/otp/generate';
import { systemClock } from '../../../electron/main/ports';
import { acquireDataDirLock } from '../../../electron/main/services/data-dir-lock';
import { createOsKeychain } from '../../../electron/main/services/keychain';
import { createVault } from '../../../electron/main/services/vault';
import type { NewAccount } from '../../../electron/main/services/vault-account';
import { Client, newAccount, startTestServer, type TestServer } from '../../server/http/client';
import { cliSandbox, type CliRun } from './run-cli';

/**
 * The tester CLI end to end: a real Servicekonto server (test mode, 127.0.0.1:0), the real CLI process,
 * the real keychain (throwaway keyring), real QR images decoded by the app's decoder.
 */

type Qr = { payload: string; tx?: string };
let t: TestServer;
let other: TestServer;
const box = cliSandbox();
const pin = box.file('pin', '246813\n');
const wrongPin = box.file('wrong-pin', '246814\n');
const USER = 'cli-erika';
let browser: Client;
let meansId = '';

const json = (r: CliRun): Record<string, unknown> => {
  expect(r.lines.length, r.stderr + r.stdout).toBeGreaterThan(0);
  return r.lines[r.lines.length - 1]!;
};

async function loginQr(server: TestServer, username: string): Promise<Qr> {
  const b = new Client(server.url);
  const r = await b.post<Qr>('/api/login/desktop-app', { username });
  expect(r.status).toBe(201);
  browser = b;
  return r.body;
}

beforeAll(async () => {
  t = await startTestServer();
  other = await startTestServer();
});
afterAll(async () => {
  await t.stop();
  await other.stop();
  await box.cleanup();
});

describe('faktor CLI against the reference server', () => {
  it('before pairing, `accounts` says what to do instead of printing nothing', async () => {
    const r = await box.run(['accounts']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('No paired Servicekonto yet: faktor pair');
  }, 60_000);

  it('pairs from a pairing QR image, then confirms the pending means with an offline code (§4.2)', async () => {
    const c = await newAccount(t.url, USER);
    const qr = await c.post<Qr>('/api/means/desktop-app');
    const png = join(box.dir, 'pair.png');
    writeFileSync(png, await QRCode.toBuffer(qr.body.payload, { margin: 4, scale: 6 }));
    const r = await box.run([
      'pair',
      png,
      '--pin-file',
      pin,
      '--json',
      '--device-name',
      'CLI-Laptop',
    ]);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const paired = json(r).paired as Record<string, unknown>;
    expect(paired).toMatchObject({
      origin: t.server.origin,
      accountName: USER,
      level: 'substanziell',
      status: 'pending',
    });
    meansId = String(paired.meansId);

    const ch = await c.post<Qr>(`/api/means/${meansId}/challenge`);
    const a = await box.run(['approve', ch.body.payload, '--pin-file', pin, '--json']);
    expect(a.code, a.stderr).toBe(0);
    const code = String(json(a).code);
    expect(code).toMatch(/^[0-9]{8}$/);
    expect((await c.post(`/api/means/${meansId}/authenticate`, { code })).status).toBe(200);
    const list = await box.run(['accounts', '--json']);
    expect(list.lines.map((l) => (l.account as { meansId: string }).meansId)).toEqual([meansId]);
  }, 120_000);

  it('approve: the code it prints logs the browser in at substanziell (offline QR login)', async () => {
    const qr = await loginQr(t, USER);
    const a = await box.run(['approve', qr.payload, '--pin-file', pin, '--json']);
    expect(a.code, a.stderr).toBe(0);
    expect(json(a)).toMatchObject({
      origin: t.server.origin,
      accountName: USER,
      level: expect.any(String),
    });
    const r = await browser.post<{ session: { level: string } }>('/api/login/desktop-app/code', {
      tx: qr.tx,
      code: json(a).code,
    });
    expect(r.status).toBe(200);
    expect(r.body.session.level).toBe('substanziell');
  }, 60_000);

  it('refuses a login QR from a server it is not paired with, in plain words (exit 1)', async () => {
    await newAccount(other.url, USER);
    const qr = await loginQr(other, USER);
    const json1 = await box.run(['approve', qr.payload, '--pin-file', pin, '--json']);
    expect(json1.code).toBe(1);
    expect(json1.lines).toEqual([{ error: { code: 'not-paired' } }]);
    const text = await box.run(['approve', qr.payload, '--pin-file', pin]);
    expect(text.code).toBe(1);
    expect(text.stderr).toMatch(/not paired with this server.*fake login page/);
    expect(text.stdout).toBe('');
  }, 60_000);

  it('a wrong PIN prints a code without complaint; the server refuses it and blocks after 3 in a row', async () => {
    for (let i = 0; i < 3; i++) {
      const qr = await loginQr(t, USER);
      const a = await box.run(['approve', qr.payload, '--pin-file', wrongPin, '--json']);
      expect(a.code).toBe(0);
      const r = await browser.post('/api/login/desktop-app/code', {
        tx: qr.tx,
        code: json(a).code,
      });
      expect(r.status).not.toBe(200);
    }
    const qr = await loginQr(t, USER);
    const a = await box.run(['approve', qr.payload, '--pin-file', pin, '--json']);
    expect(
      (await browser.post('/api/login/desktop-app/code', { tx: qr.tx, code: json(a).code })).status,
    ).toBe(401); // blocked: even the right PIN fails
  }, 120_000);

  it('code prints the current TOTP code of an OTP account in the same vault the app uses', async () => {
    const account: NewAccount = {
      type: 'totp',
      issuer: 'ACME',
      label: 'erika',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      secret: new Uint8Array(Buffer.from('12345678901234567890')),
    };
    const lock = await acquireDataDirLock(box.dataDir);
    try {
      await createVault({
        dir: box.dataDir,
        keychain: createOsKeychain(box.service),
        clock: systemClock,
      }).add(account);
    } finally {
      await lock.release();
    }
    const before = Date.now();
    const r = await box.run(['code', 'ACME:erika', '--json']);
    const after = Date.now();
    expect(r.code, r.stderr).toBe(0);
    const params = { ...account, secret: account.secret };
    expect([totpCode(params, before).code, totpCode(params, after).code]).toContain(json(r).code);
    expect((await box.run(['code', 'nobody', '--json'])).lines).toEqual([
      { error: { code: 'not-found' } },
    ]);
  }, 60_000);

  it('a busy data dir (the app is running) is refused with exit 1', async () => {
    const lock = await acquireDataDirLock(box.dataDir);
    try {
      const busy = await box.run(['accounts', '--json']);
      expect(busy.code).toBe(1);
      expect(busy.lines).toEqual([{ error: { code: 'data-dir-busy' } }]);
    } finally {
      await lock.release();
    }
  }, 60_000);
});
