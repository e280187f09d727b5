import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../../../shared/errors';
import { loginResponse } from '../../../../../shared/servicekonto/login-ocra';
import {
  formatLoginPayload,
  type LoginPayload,
} from '../../../../../shared/servicekonto/login-payload';
import {
  offlineCode,
  prepareOfflineLogin,
} from '../../../../../electron/main/services/servicekonto/offline-login';
import type { PairedRecord } from '../../../../../electron/main/services/servicekonto/paired-record';
import {
  newDeviceSecrets,
  sealWithPin,
} from '../../../../../electron/main/services/servicekonto/pin-secrets';
import { TEST_KDF } from '../../../../support/doubles';

/** Real router, real parsers, real OCRA (RFC 6287 vectors are shared/ocra's own tests), real AES/Argon2id. */

const NOW = Date.UTC(2026, 11, 2, 9, 0, 0);
const PIN = '135790';
const secrets = newDeviceSecrets();
const ocra = Uint8Array.from(secrets.ocraSecret);

async function paired(origin: string, account: string): Promise<PairedRecord> {
  return {
    id: `id-${account}-${origin.length}`,
    origin,
    account,
    accountName: 'erika',
    meansId: 'm1',
    suite: 'OCRA-1:HOTP-SHA256-8:QH40-S064',
    level: 'substanziell',
    pairedAt: 0,
    sealed: await sealWithPin(PIN, secrets, TEST_KDF),
    deviceKey: randomBytes(32).toString('base64'),
  };
}

const login = (over: Partial<Omit<LoginPayload, 'v'>> = {}): Omit<LoginPayload, 'v'> => ({
  origin: 'https://konto.example',
  account: 'acct-1',
  accountName: 'erika',
  tx: 'AAAAAAAAAAAAAAAAAAAAAA',
  challenge: '0123456789abcdef0123456789abcdef01234567',
  service: 'Wohngeld',
  level: 'substanziell',
  exp: NOW / 1000 + 120,
  ...over,
});

async function code(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
    return 'ok';
  } catch (e) {
    if (!isFaktorError(e)) throw e;
    return e.code;
  }
}

describe('offline login code', () => {
  it('gives the OCRA response of the paired secret for a login QR of the paired server and account', async () => {
    const records = [
      await paired('http://127.0.0.1:8787', 'acct-1'),
      await paired('https://konto.example', 'acct-1'),
    ];
    const prepared = prepareOfflineLogin(`  ${formatLoginPayload(login())}\n`, records, NOW);
    expect(prepared.record).toBe(records[1]);
    const shown = await offlineCode(prepared, PIN);
    expect(shown).toMatch(/^[0-9]{8}$/);
    expect(shown).toBe(loginResponse(login(), ocra));
  });

  it('a wrong PIN gives a different code, without any error', async () => {
    const prepared = prepareOfflineLogin(
      formatLoginPayload(login()),
      [await paired('https://konto.example', 'acct-1')],
      NOW,
    );
    const wrong = await offlineCode(prepared, '135791');
    expect(wrong).toMatch(/^[0-9]{8}$/);
    expect(wrong).not.toBe(loginResponse(login(), ocra));
  });

  it('refuses a login QR from a server or for an account it is not paired with (anti-phishing)', async () => {
    const records = [await paired('https://konto.example', 'acct-1')];
    expect(
      await code(() =>
        prepareOfflineLogin(
          formatLoginPayload(login({ origin: 'https://konto.example.evil' })),
          records,
          NOW,
        ),
      ),
    ).toBe('not-paired');
    expect(
      await code(() =>
        prepareOfflineLogin(
          formatLoginPayload(login({ origin: 'https://konto.example:8443' })),
          records,
          NOW,
        ),
      ),
    ).toBe('not-paired');
    expect(
      await code(() =>
        prepareOfflineLogin(formatLoginPayload(login({ account: 'acct-2' })), records, NOW),
      ),
    ).toBe('not-paired');
    expect(await code(() => prepareOfflineLogin(formatLoginPayload(login()), [], NOW))).toBe(
      'not-paired',
    );
  });

  it('refuses bad payloads with their typed codes: expired, unknown version, oversize, tampered, not a login', async () => {
    const records = [await paired('https://konto.example', 'acct-1')];
    const ok = formatLoginPayload(login());
    const cases: Array<[string, string]> = [
      [formatLoginPayload(login({ exp: NOW / 1000 })), 'protocol-expired'],
      [ok.replace('"v":1', '"v":2'), 'protocol-version'],
      [ok.replace('"service":"Wohngeld"', `"service":"${'W'.repeat(5000)}"`), 'protocol-oversize'],
      [ok.replace('0123456789abcdef', 'XYZ3456789abcdef'), 'protocol-malformed'],
      [ok.replace('https://konto.example', 'http://konto.example'), 'protocol-origin'],
      ['faktor-pair:{"v":1}', 'protocol-malformed'],
      ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP', 'unsupported-payload'],
      ['hello', 'unsupported-payload'],
    ];
    for (const [text, expected] of cases)
      expect([
        text.slice(0, 40),
        await code(() => prepareOfflineLogin(text, records, NOW)),
      ]).toEqual([text.slice(0, 40), expected]);
  });

  it('a relayed QR with an edited service or level yields a code the server would not accept', async () => {
    const records = [await paired('https://konto.example', 'acct-1')];
    const real = loginResponse(login(), ocra);
    const edited = await offlineCode(
      prepareOfflineLogin(
        formatLoginPayload(login({ level: 'niedrig', service: 'Harmlos' })),
        records,
        NOW,
      ),
      PIN,
    );
    expect(edited).not.toBe(real);
  });
});
