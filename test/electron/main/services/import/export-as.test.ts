import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { isFaktorError } from '../../../../../shared/errors';
import { decodeBase32, encodeBase32 } from '../../../../../shared/otp/base32';
import { parseOtpauthUri } from '../../../../../shared/otp/uri';
import { decodeAny } from '../../../../../electron/main/services/qr-decode-core';
import { exportAs } from '../../../../../electron/main/services/import/export-as';
import { readForeign } from '../../../../../electron/main/services/import/read-foreign';
import type { VaultAccount } from '../../../../../electron/main/services/vault-account';

/** Aegis plain JSON (re-imported AND checked against docs/vault.md) and the printable QR sheet (decoded by zxing). */

const acc = (o: Partial<VaultAccount>): VaultAccount => ({
  id: 'x',
  type: 'totp',
  issuer: 'ACME Co',
  label: 'alice@example.com',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  color: null,
  icon: null,
  createdAt: 1,
  pinned: false,
  tags: [],
  lastUsed: null,
  secret: decodeBase32('JBSWY3DPEHPK3PXP'),
  ...o,
});
const ACCOUNTS = [
  acc({}),
  acc({
    type: 'hotp',
    issuer: 'Bank',
    label: 'bob',
    algorithm: 'SHA256',
    digits: 8,
    counter: 5,
    secret: decodeBase32('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
  }),
  acc({
    issuer: '<script>alert(1)</script>',
    label: 'carol & "dave"',
    algorithm: 'SHA512',
    digits: 7,
    period: 60,
  }),
];
const view = (
  list: ReadonlyArray<
    Pick<
      VaultAccount,
      'type' | 'issuer' | 'label' | 'algorithm' | 'digits' | 'period' | 'counter' | 'secret'
    >
  >,
) =>
  list.map((a) => [
    a.type,
    a.issuer,
    a.label,
    a.algorithm,
    a.digits,
    a.type === 'totp' ? a.period : a.counter,
    encodeBase32(a.secret),
  ]);

// The plain vault schema as docs/vault.md (beemdevelopment/Aegis) documents it, field by field.
const HEX_UUID4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const AegisEntry = z.strictObject({
  type: z.enum(['totp', 'hotp', 'steam', 'yandex']),
  uuid: z.string().regex(HEX_UUID4),
  name: z.string(),
  issuer: z.string(),
  icon: z.null(),
  info: z.union([
    z.strictObject({
      secret: z.string().regex(/^[A-Z2-7]+$/),
      algo: z.enum(['SHA1', 'SHA256', 'SHA512']),
      digits: z.number().int(),
      period: z.number().int(),
    }),
    z.strictObject({
      secret: z.string().regex(/^[A-Z2-7]+$/),
      algo: z.enum(['SHA1', 'SHA256', 'SHA512']),
      digits: z.number().int(),
      counter: z.number().int(),
    }),
  ]),
});
const AegisPlainVault = z.strictObject({
  version: z.literal(1),
  header: z.strictObject({ slots: z.null(), params: z.null() }),
  db: z.strictObject({ version: z.number().int().min(1), entries: z.array(AegisEntry) }),
});

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    return isFaktorError(e) ? e.code : String(e);
  }
}

describe('exportAs', () => {
  it('Aegis plain JSON matches the documented schema and re-imports through the Aegis importer unchanged', async () => {
    const { text, fileName } = await exportAs('aegis-plain', ACCOUNTS, {
      nowMs: 0,
      acknowledgedUnencrypted: true,
    });
    expect(fileName).toBe('faktor-aegis-1970-01-01.json');
    const parsed = AegisPlainVault.parse(JSON.parse(text));
    expect(parsed.db.entries[1]!.info).toEqual({
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      algo: 'SHA256',
      digits: 8,
      counter: 5,
    });
    const back = await readForeign(new TextEncoder().encode(text), {});
    expect(back.format).toBe('aegis');
    expect(view(back.accounts)).toEqual(view(ACCOUNTS));
    expect(back.dropped).toEqual([]);
  });

  it('QR sheet: every code decodes (zxing) to the account, names are escaped, no script or remote resource', async () => {
    const { text, fileName } = await exportAs('qr-sheet', ACCOUNTS, {
      nowMs: 0,
      acknowledgedUnencrypted: true,
    });
    expect(fileName).toBe('faktor-qr-sheet-1970-01-01.html');
    expect(text).not.toMatch(/<script/i);
    expect(text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(text).toContain('carol &amp; &quot;dave&quot;');
    expect(text).not.toMatch(/(src|href)="(?!data:)/);
    const pngs = [...text.matchAll(/src="data:image\/png;base64,([^"]+)"/g)].map((m) =>
      Buffer.from(m[1]!, 'base64'),
    );
    expect(pngs).toHaveLength(3);
    const decoded = [];
    for (const png of pngs) {
      const hits = await decodeAny(new Uint8Array(png));
      expect(hits).toHaveLength(1);
      decoded.push(parseOtpauthUri(hits[0]!.text).params);
    }
    expect(view(decoded)).toEqual(view(ACCOUNTS));
  }, 30_000);

  it('unencrypted formats need the acknowledgement; ours needs a password; the otpauth list is unchanged', async () => {
    for (const f of ['otpauth', 'aegis-plain', 'qr-sheet'] as const)
      expect(await code(exportAs(f, ACCOUNTS, { nowMs: 0 }))).toBe('invalid-request');
    expect(await code(exportAs('faktor', ACCOUNTS, { nowMs: 0 }))).toBe('invalid-request');
    const list = await exportAs('otpauth', ACCOUNTS, { nowMs: 0, acknowledgedUnencrypted: true });
    expect(view((await readForeign(new TextEncoder().encode(list.text), {})).accounts)).toEqual(
      view(ACCOUNTS),
    );
  });
});
