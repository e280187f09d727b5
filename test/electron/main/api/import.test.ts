import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../../shared/errors';
import { contract, type Channel, type RequestOf } from '../../../../shared/ipc/contract';
import type { Api } from '../../../../electron/main/api';
import { IMPORT_PASSWORD_TRIES, IMPORT_PREVIEW_MS } from '../../../../electron/main/api/import';
import { testPorts } from '../../../support/doubles';
import { outcome, sandbox, testApi } from '../../../support/sandbox';

/**
 * Foreign-file import through the API on real parts (gnome-keyring, vault files, crypto): preview
 * writes nothing, commit is one all-or-nothing write with duplicates listed, the token is single-use
 * and expires. Only the platform ports are doubles (no Electron binary here).
 */

const FIX = join(__dirname, '../../../fixtures/import');
let box: ReturnType<typeof sandbox>;
let ports: ReturnType<typeof testPorts>;
let api: Api;

const code = <C extends Channel>(c: C, req: RequestOf<C>): Promise<string> =>
  outcome(async () => contract[c].response.parse(await api[c](req)));

beforeEach(() => {
  box = sandbox();
  ports = testPorts();
  api = testApi(box, ports);
});
afterEach(async () => {
  await box.close();
});

describe('import-preview → import-commit', () => {
  it('a wrong or missing password hands out a single-use retry token: the password is asked again without a new pick', async () => {
    await api['vault-status']({});
    ports.dialogs.openPath = join(FIX, 'aegis-encrypted.json');
    const tokenOf = async (req: RequestOf<'import-preview'>): Promise<string> => {
      const e: unknown = await api['import-preview'](req).then(
        () => null,
        (x: unknown) => x,
      );
      if (!isFaktorError(e) || e.code !== 'backup-wrong-password')
        throw new Error('expected backup-wrong-password');
      return String(e.params?.retryToken);
    };
    const first = await tokenOf({ format: null, password: null });
    ports.dialogs.openPath = null; // a new pick would now be "cancelled": the retries below never pick
    const second = await tokenOf({ format: null, password: 'wrong password', retryToken: first });
    expect(second).not.toBe(first);
    expect(
      await code('import-preview', { format: null, password: 'correct horse', retryToken: first }),
    ).toBe('not-found'); // used up
    ports.dialogs.openPath = join(FIX, 'aegis-encrypted.json');
    const third = await tokenOf({ format: null, password: null });
    ports.clock.advance(IMPORT_PREVIEW_MS + 1);
    expect(
      await code('import-preview', { format: null, password: 'correct horse', retryToken: third }),
    ).toBe('not-found'); // expired
    const fourth = await tokenOf({ format: null, password: null });
    ports.dialogs.openPath = null;
    const preview = contract['import-preview'].response.parse(
      await api['import-preview']({ format: null, password: 'correct horse', retryToken: fourth }),
    );
    expect(preview.accounts).toHaveLength(3);
    expect(await api['import-commit']({ token: preview.token })).toEqual({
      imported: 3,
      duplicates: [],
    });
  });

  it(`a picked file takes at most ${IMPORT_PASSWORD_TRIES} wrong passwords without a new pick (no unattended guessing over IPC)`, async () => {
    await api['vault-status']({});
    ports.dialogs.openPath = join(FIX, 'aegis-encrypted.json');
    const attempt = async (retryToken?: string): Promise<unknown> => {
      const e: unknown = await api['import-preview']({
        format: null,
        password: 'wrong password',
        ...(retryToken ? { retryToken } : {}),
      }).then(
        () => null,
        (x: unknown) => x,
      );
      if (!isFaktorError(e) || e.code !== 'backup-wrong-password')
        throw new Error('expected backup-wrong-password');
      return e.params?.retryToken;
    };
    let token = await attempt();
    ports.dialogs.openPath = null; // a new pick would be "cancelled": every try below is a retry
    for (let i = 2; i < IMPORT_PASSWORD_TRIES; i++) token = await attempt(String(token));
    expect(typeof token).toBe('string');
    expect(await attempt(String(token))).toBeUndefined(); // the last wrong password hands out no retry token
    expect(
      await code('import-preview', {
        format: null,
        password: 'correct horse',
        retryToken: String(token),
      }),
    ).toBe('not-found');
  });

  it('previews an encrypted Aegis vault without writing, then commits it once', async () => {
    await api['vault-status']({});
    ports.dialogs.openPath = join(FIX, 'aegis-encrypted.json');
    expect(await code('import-preview', { format: null, password: 'wrong password' })).toBe(
      'backup-wrong-password',
    );
    const preview = contract['import-preview'].response.parse(
      await api['import-preview']({ format: null, password: 'correct horse' }),
    );
    expect(JSON.stringify(preview)).not.toContain('JBSWY3DPEHPK3PXP');
    expect(preview).toMatchObject({
      format: 'aegis',
      duplicates: [],
      dropped: [
        { entry: 4, issuer: 'Steam', label: 'gamer', reason: 'unsupported-type', detail: 'steam' },
      ],
    });
    expect(preview.accounts.map((a) => a.label)).toEqual(['alice@example.com', 'bob', 'carol']);
    expect(ports.dialogs.lastFilters.length).toBeGreaterThan(0);
    expect(await api['accounts-list']({})).toEqual([]);

    expect(await api['import-commit']({ token: preview.token })).toEqual({
      imported: 3,
      duplicates: [],
    });
    expect((await api['accounts-list']({})).map((a) => [a.issuer, a.label, a.type])).toEqual([
      ['ACME Co', 'alice@example.com', 'totp'],
      ['Bank', 'bob', 'hotp'],
      ['Mail', 'carol', 'totp'],
    ]);
    expect(await code('import-commit', { token: preview.token })).toBe('not-found');
  });

  it('a second file of the same accounts lists them as duplicates and adds nothing', async () => {
    await api['vault-status']({});
    ports.dialogs.openPath = join(FIX, 'twofas-plain.2fas');
    await api['import-commit']({
      token: (await api['import-preview']({ format: null, password: null })).token,
    });
    ports.dialogs.openPath = join(FIX, 'andotp-encrypted.json.aes');
    const preview = await api['import-preview']({ format: 'andotp', password: 'correct horse' });
    expect(preview.accounts).toEqual([]);
    expect(preview.duplicates.map((d) => d.label)).toEqual(['alice@example.com', 'bob', 'carol']);
    expect(await api['import-commit']({ token: preview.token })).toMatchObject({ imported: 0 });
    expect((await api['accounts-list']({})).length).toBe(3);
  });

  it('an expired preview cannot be committed; a damaged file writes nothing', async () => {
    await api['vault-status']({});
    ports.dialogs.openPath = join(FIX, 'freeotp-plus.json');
    const preview = await api['import-preview']({ format: null, password: null });
    ports.clock.advance(IMPORT_PREVIEW_MS + 1);
    expect(await code('import-commit', { token: preview.token })).toBe('not-found');
    ports.dialogs.openPath = join(FIX, 'make-fixtures.py');
    expect(await code('import-preview', { format: null, password: null })).toBe(
      'import-unknown-format',
    );
    ports.dialogs.openPath = null;
    expect(await code('import-preview', { format: null, password: null })).toBe('cancelled');
    expect(await api['accounts-list']({})).toEqual([]);
  });

  it('export-as writes Aegis JSON and the QR sheet only with the acknowledgement', async () => {
    await api['vault-status']({});
    ports.dialogs.openPath = join(FIX, 'bitwarden.json');
    await api['import-commit']({
      token: (await api['import-preview']({ format: null, password: null })).token,
    });
    expect(
      await code('export-as', { format: 'aegis-plain', acknowledgedUnencrypted: false as never }),
    ).toBe('invalid-request');
    ports.dialogs.savePath = join(box.dir, 'aegis.json');
    // The renderer's acknowledgement alone is not consent: main asks natively, and "no" writes nothing.
    ports.dialogs.plainConsent = false;
    expect(await code('export-as', { format: 'aegis-plain', acknowledgedUnencrypted: true })).toBe(
      'cancelled',
    );
    expect(existsSync(join(box.dir, 'aegis.json'))).toBe(false);
    ports.dialogs.plainConsent = true;
    expect(
      await api['export-as']({ format: 'aegis-plain', acknowledgedUnencrypted: true }),
    ).toEqual({ count: 2, fileName: 'aegis.json' });
    ports.dialogs.openPath = join(box.dir, 'aegis.json');
    expect(
      (await api['import-preview']({ format: 'aegis', password: null })).duplicates,
    ).toHaveLength(2);
    ports.dialogs.savePath = join(box.dir, 'sheet.html');
    expect(await api['export-as']({ format: 'qr-sheet', acknowledgedUnencrypted: true })).toEqual({
      count: 2,
      fileName: 'sheet.html',
    });
    expect(readFileSync(join(box.dir, 'sheet.html'), 'utf8')).toMatch(/^<!doctype html>/);
  }, 30_000);
});
