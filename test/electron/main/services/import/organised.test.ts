import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readForeign } from '../../../../../electron/main/services/import/read-foreign';
import { encodeBackup } from '../../../../../electron/main/services/backup';
import { TEST_KDF } from '../../../../support/doubles';
import { TEST_SEED } from '../../../../support/use-sandbox';
import type { ImportFormat } from '../../../../../shared/import/types';

/**
 * Other apps' favourites and groups (issue #12) land on Faktor's pins and groups: fixtures built by
 * test/fixtures/import/make-organised-fixtures.py (and the encrypted ones of make-fixtures.py, which
 * carry one group each) from the formats' documentation.
 */

const FIX = join(__dirname, '../../../../fixtures/import');
const file = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIX, name)));
const PASSWORD = 'correct horse';
const none = { pinned: false, tags: [] };

/** Each account's label with what it got: pinned (false when unset) and groups ([] when unset). */
const organising = (accounts: Awaited<ReturnType<typeof readForeign>>['accounts']) =>
  accounts.map((a) => ({ label: a.label, pinned: a.pinned ?? false, tags: a.tags ?? [] }));

const CASES: Array<{
  name: string;
  format: ImportFormat;
  password?: string;
  expected: Array<{ pinned: boolean; tags: string[] }>;
}> = [
  // v3: several groups in file order, an unknown uuid skipped, comma → space, bidi control removed,
  // 40 characters cut to 32, 'Work' after 'WORK' kept once (first spelling).
  {
    name: 'aegis-organised.json',
    format: 'aegis',
    expected: [
      { pinned: true, tags: ['Work', 'Bank private'] },
      { pinned: false, tags: ['evilpuorg', 'Very long folder name that goes', 'WORK'] },
      none,
    ],
  },
  {
    name: 'aegis-v2-organised.json',
    format: 'aegis',
    expected: [{ pinned: true, tags: ['Family'] }, none],
  },
  {
    name: 'aegis-encrypted.json',
    format: 'aegis',
    password: PASSWORD,
    expected: [{ pinned: false, tags: ['Work'] }, none, none],
  },
  {
    name: 'twofas-organised.2fas',
    format: '2fas',
    expected: [{ pinned: false, tags: ['Work'] }, { pinned: false, tags: ['Home'] }, none],
  },
  {
    name: 'twofas-encrypted.2fas',
    format: '2fas',
    password: PASSWORD,
    expected: [{ pinned: false, tags: ['Work'] }, none, none],
  },
  {
    name: 'andotp-organised.json',
    format: 'andotp',
    expected: [{ pinned: false, tags: ['Work', 'Bank'] }, none, none],
  },
  {
    name: 'andotp-encrypted.json.aes',
    format: 'andotp',
    password: PASSWORD,
    expected: [{ pinned: false, tags: ['Work'] }, none, none],
  },
  {
    name: 'bitwarden-organised.json',
    format: 'bitwarden',
    expected: [{ pinned: true, tags: ['Work/2FA'] }, none],
  },
  {
    name: 'authenticator-pro-organised.json',
    format: 'authenticator-pro',
    expected: [{ pinned: false, tags: ['Bank', 'Work'] }, { pinned: false, tags: ['Work'] }, none],
  },
  {
    name: 'authenticator-pro-encrypted.authpro',
    format: 'authenticator-pro',
    password: PASSWORD,
    expected: [{ pinned: false, tags: ['Work'] }, none, none],
  },
  // Ente's codeDisplay: pinned and tags; a malformed one adds nothing and fails nothing.
  {
    name: 'ente-organised.txt',
    format: 'otpauth',
    expected: [{ pinned: true, tags: ['Work', 'Bank'] }, none, none],
  },
];

describe('importers map favourites → pinned and groups → groups', () => {
  for (const c of CASES) {
    it(`${c.name}`, async () => {
      const out = await readForeign(file(c.name), { password: c.password });
      expect(out.format).toBe(c.format);
      expect(organising(out.accounts).map(({ pinned, tags }) => ({ pinned, tags }))).toEqual(
        c.expected,
      );
    }, 20_000);
  }

  it('our own backup read as a foreign file keeps its pins and groups (they used to be dropped on this path)', async () => {
    const stored = {
      id: 'acc_00000001',
      type: 'totp',
      issuer: 'Ex',
      label: 'a',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      color: null,
      icon: null,
      createdAt: 0,
      lastUsed: null,
      secret: TEST_SEED,
    } as const;
    const text = await encodeBackup(
      [
        { ...stored, pinned: true, tags: ['Work', 'Bank'] },
        { ...stored, label: 'b', pinned: false, tags: [] },
      ],
      'backup password',
      0,
      TEST_KDF,
    );
    const out = await readForeign(new TextEncoder().encode(text), { password: 'backup password' });
    expect(out.format).toBe('faktor');
    expect(organising(out.accounts)).toEqual([
      { label: 'a', pinned: true, tags: ['Work', 'Bank'] },
      { label: 'b', pinned: false, tags: [] },
    ]);
  });

  it('formats without favourites or groups import as before (unpinned, no group)', async () => {
    for (const name of [
      'freeotp-plus.json',
      'gnome-authenticator.txt',
      'otpauth-list.txt',
      'bitwarden.json',
    ]) {
      for (const a of organising((await readForeign(file(name), {})).accounts))
        expect([name, a.pinned, a.tags]).toEqual([name, false, []]);
    }
  });
});
