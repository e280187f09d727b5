import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../../../shared/errors';
import { encodeBase32 } from '../../../../../shared/otp/base32';
import { readForeign } from '../../../../../electron/main/services/import/read-foreign';
import type { ImportFormat } from '../../../../../shared/import/types';

/** Every format from fixtures built by test/fixtures/import/make-fixtures.py (independent crypto). */

const FIX = join(__dirname, '../../../../fixtures/import');
const file = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIX, name)));
const PASSWORD = 'correct horse';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (!isFaktorError(e)) throw new Error(`non-FaktorError escaped: ${String(e)}`, { cause: e });
    return e.code;
  }
}

const summary = (accounts: Awaited<ReturnType<typeof readForeign>>['accounts']) =>
  accounts.map((a) => [
    a.type,
    a.issuer,
    a.label,
    a.algorithm,
    a.digits,
    a.type === 'totp' ? a.period : a.counter,
    encodeBase32(a.secret),
  ]);

const A = ['totp', 'ACME Co', 'alice@example.com', 'SHA1', 6, 30, 'JBSWY3DPEHPK3PXP'];
const B = ['hotp', 'Bank', 'bob', 'SHA256', 8, 5, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'];
const C = ['totp', 'Mail', 'carol', 'SHA512', 7, 60, 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U'];

const CASES: Array<{
  name: string;
  format: ImportFormat;
  password?: string;
  accounts: unknown[];
  dropped: string[];
}> = [
  { name: 'aegis-plain.json', format: 'aegis', accounts: [A, B, C], dropped: ['steam'] },
  {
    name: 'aegis-encrypted.json',
    format: 'aegis',
    password: PASSWORD,
    accounts: [A, B, C],
    dropped: ['steam'],
  },
  {
    name: 'gnome-aegis-encrypted.json',
    format: 'aegis',
    password: PASSWORD,
    accounts: [A, B],
    dropped: [],
  },
  { name: 'gnome-authenticator.txt', format: 'otpauth', accounts: [A, B], dropped: [] },
  { name: 'twofas-plain.2fas', format: '2fas', accounts: [A, B, C], dropped: ['steam'] },
  {
    name: 'twofas-encrypted.2fas',
    format: '2fas',
    password: PASSWORD,
    accounts: [A, B, C],
    dropped: ['steam'],
  },
  { name: 'ente-plain.txt', format: 'otpauth', accounts: [A, B], dropped: ['steam'] },
  {
    name: 'ente-encrypted.json',
    format: 'ente',
    password: PASSWORD,
    accounts: [A, B],
    dropped: ['steam'],
  },
  { name: 'andotp-plain.json', format: 'andotp', accounts: [A, B, C], dropped: ['steam'] },
  {
    name: 'andotp-encrypted.json.aes',
    format: 'andotp',
    password: PASSWORD,
    accounts: [A, B, C],
    dropped: ['steam'],
  },
  // a bare secret in login.totp means Bitwarden's defaults: SHA-1, 6 digits, 30 s
  {
    name: 'bitwarden.json',
    format: 'bitwarden',
    accounts: [A, ['totp', 'Mail', 'carol', 'SHA1', 6, 30, C[6]]],
    dropped: ['steam'],
  },
  {
    name: 'authenticator-pro.json',
    format: 'authenticator-pro',
    accounts: [A, B, ['totp', 'Mail', '', 'SHA512', 7, 60, C[6]]],
    dropped: ['steam', 'motp'],
  },
  {
    name: 'authenticator-pro-encrypted.authpro',
    format: 'authenticator-pro',
    password: PASSWORD,
    accounts: [A, B, ['totp', 'Mail', '', 'SHA512', 7, 60, C[6]]],
    dropped: ['steam', 'motp'],
  },
  {
    name: 'authenticator-pro-legacy.authpro',
    format: 'authenticator-pro',
    password: PASSWORD,
    accounts: [A, B, ['totp', 'Mail', '', 'SHA512', 7, 60, C[6]]],
    dropped: ['steam', 'motp'],
  },
  { name: 'freeotp-plus.json', format: 'freeotp-plus', accounts: [A, B], dropped: ['steam'] },
  { name: 'otpauth-list.txt', format: 'otpauth', accounts: [A, B], dropped: [] },
];

describe('readForeign: fixtures per format', () => {
  for (const c of CASES) {
    it(`${c.name}: detected as ${c.format}, fields mapped, unsupported types listed`, async () => {
      const out = await readForeign(file(c.name), { password: c.password });
      expect(out.format).toBe(c.format);
      expect(summary(out.accounts)).toEqual(c.accounts);
      expect(out.dropped.map((d) => d.detail)).toEqual(c.dropped);
    }, 20_000);
  }

  it('GNOME files read the same with --format gnome', async () => {
    expect(
      summary((await readForeign(file('gnome-authenticator.txt'), { format: 'gnome' })).accounts),
    ).toEqual([A, B]);
    expect(
      summary(
        (
          await readForeign(file('gnome-aegis-encrypted.json'), {
            format: 'gnome',
            password: PASSWORD,
          })
        ).accounts,
      ),
    ).toEqual([A, B]);
  });

  it('encrypted fixtures: wrong password and no password are backup-wrong-password', async () => {
    for (const name of [
      'aegis-encrypted.json',
      'twofas-encrypted.2fas',
      'ente-encrypted.json',
      'andotp-encrypted.json.aes',
      'authenticator-pro-encrypted.authpro',
      'authenticator-pro-legacy.authpro',
    ]) {
      expect(await codeOf(readForeign(file(name), { password: 'wrong password' })), name).toBe(
        'backup-wrong-password',
      );
      expect(await codeOf(readForeign(file(name), {})), name).toBe('backup-wrong-password');
    }
  }, 60_000);

  it('truncated files are import-damaged (or unknown, or a failed tag), never anything else', async () => {
    for (const c of CASES) {
      const bytes = file(c.name);
      // A line list cut exactly at a line end is a shorter valid list: cut inside the last line.
      const cuts = c.name.endsWith('.txt')
        ? [1, 30]
        : [1, Math.floor(bytes.length / 2), bytes.length - 20];
      for (const cut of cuts) {
        const code = await codeOf(readForeign(bytes.subarray(0, cut), { password: c.password }));
        expect(
          ['import-damaged', 'import-unknown-format', 'backup-wrong-password'],
          `${c.name} cut at ${cut}: ${code}`,
        ).toContain(code);
      }
    }
  }, 120_000);

  it('recognized but unsupported variants say so', async () => {
    expect(await codeOf(readForeign(file('bitwarden-encrypted.json'), {}))).toBe(
      'import-unsupported',
    );
    expect(await codeOf(readForeign(new TextEncoder().encode('hello world'), {}))).toBe(
      'import-unknown-format',
    );
  });
});
