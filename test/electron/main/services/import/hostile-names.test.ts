import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../../../shared/errors';
import { hasUnsafeNameChar } from '../../../../../shared/text/names';
import {
  importForeign,
  type ImportVault,
} from '../../../../../electron/main/services/import/import-foreign';

/**
 * Hostile names (U+202E RIGHT-TO-LEFT OVERRIDE, which shows "evil\u202emoc.lapyap" as "evilpaypal.com")
 * in every format are refused by the shared name rule (shared/text/names.ts) before anything is
 * written. The vault is an in-memory stand-in that records writes (the real one is proven atomic in
 * vault.test.ts); what matters here is that the write is never reached.
 */

const FIX = join(__dirname, '../../../../fixtures/import');
const HOSTILE = [
  'aegis-hostile.json',
  'twofas-hostile.2fas',
  'andotp-hostile.json',
  'bitwarden-hostile.json',
  'authenticator-pro-hostile.json',
  'freeotp-plus-hostile.json',
  'otpauth-hostile.txt',
];

describe('hostile names in every format', () => {
  for (const name of HOSTILE) {
    it(`${name}: refused as unsafe-name, nothing written`, async () => {
      let writes = 0;
      const vault: ImportVault = {
        exportAccounts: async () => [],
        importAccounts: async () => (writes++, { imported: 0, duplicates: [] }),
      };
      let code = 'ok';
      let reason: unknown;
      try {
        await importForeign(new Uint8Array(readFileSync(join(FIX, name))), {}, vault);
      } catch (e) {
        if (!isFaktorError(e)) throw e;
        code = e.code;
        reason = e.params?.reason;
      }
      expect(
        code === 'unsafe-name' || reason === 'unsafe-name',
        `${name}: ${code}/${String(reason)}`,
      ).toBe(true);
      expect(writes).toBe(0);
    });
  }
});

describe('hostile names on entries left out', () => {
  // A Steam entry is not imported but its names are shown (preview, `faktor import` on a terminal):
  // they come back without control or bidi characters instead of carrying an ESC sequence along.
  const evil = 'Ste\u001b]0;owned\u0007am\u202e';
  const vault: ImportVault = {
    exportAccounts: async () => [],
    importAccounts: async () => ({ imported: 0, duplicates: [] }),
  };
  const files: Array<[string, string]> = [
    [
      'otpauth list',
      `otpauth://totp/Ok:ok?secret=JBSWY3DPEHPK3PXP\notpauth://steam/${encodeURIComponent(`${evil}:${evil}`)}?secret=JBSWY3DPEHPK3PXP\n`,
    ],
    [
      'aegis',
      JSON.stringify({
        version: 1,
        header: { slots: null, params: null },
        db: {
          version: 2,
          entries: [
            {
              type: 'totp',
              name: 'ok',
              issuer: 'Ok',
              info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30 },
            },
            {
              type: `steam${evil}`,
              name: evil,
              issuer: evil,
              info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 5, period: 30 },
            },
          ],
        },
      }),
    ],
  ];
  for (const [name, text] of files) {
    it(`${name}: the dropped entry's issuer, label and type name hold no control character`, async () => {
      const outcome = await importForeign(new TextEncoder().encode(text), { dryRun: true }, vault);
      expect(outcome.dropped).toHaveLength(1);
      const d = outcome.dropped[0]!;
      for (const t of [d.issuer, d.label, d.detail])
        expect(hasUnsafeNameChar(t), JSON.stringify(t)).toBe(false);
      expect(d.issuer).toBe('Ste]0;ownedam');
    });
  }
});
