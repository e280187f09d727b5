import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../../../shared/errors';
import { importForeign, type ImportVault } from '../../../../../electron/main/services/import/import-foreign';

/**
 * Hostile names (U+202E RIGHT-TO-LEFT OVERRIDE, which shows "evil\u202emoc.lapyap" as "evilpaypal.com")
 * in every format are refused by the shared name rule (shared/text/names.ts) before anything is
 * written. The vault is an in-memory stand-in that records writes (the real one is proven atomic in
 * vault.test.ts); what matters here is that the write is never reached.
 */

const FIX = join(__dirname, '../../../../fixtures/import');
const HOSTILE = ['aegis-hostile.json', 'twofas-hostile.2fas', 'andotp-hostile.json', 'bitwarden-hostile.json', 'authenticator-pro-hostile.json', 'freeotp-plus-hostile.json', 'otpauth-hostile.txt'];

describe('hostile names in every format', () => {
  for (const name of HOSTILE) {
    it(`${name}: refused as unsafe-name, nothing written`, async () => {
      let writes = 0;
      const vault: ImportVault = { exportAccounts: async () => [], importAccounts: async () => (writes++, { imported: 0, duplicates: [] }) };
      let code = 'ok';
      let reason: unknown;
      try {
        await importForeign(new Uint8Array(readFileSync(join(FIX, name))), {}, vault);
      } catch (e) {
        if (!isFaktorError(e)) throw e;
        code = e.code;
        reason = e.params?.reason;
      }
      expect(code === 'unsafe-name' || reason === 'unsafe-name', `${name}: ${code}/${String(reason)}`).toBe(true);
      expect(writes).toBe(0);
    });
  }
});
