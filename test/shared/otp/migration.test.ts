import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../shared/errors';
import { encodeBase64 } from '../../../shared/otp/base64';
import {
  formatMigrationUri,
  parseMigrationUri,
  type MigrationBatch,
} from '../../../shared/otp/migration';
import type { OtpParams } from '../../../shared/otp/types';
import { hasUnsafeNameChar } from '../../../shared/text/names';
import { FIXTURES, hex } from './peers';

const PROTO = 'migration.proto';
/** Debian's protoc as the independent protobuf implementation (protocols.md §1.5). */
function protoc(mode: '--decode' | '--encode', input: Uint8Array | string): Buffer {
  return execFileSync('protoc', [`${mode}=MigrationPayload`, PROTO], { cwd: FIXTURES, input });
}
const uriOf = (bytes: Uint8Array) =>
  `otpauth-migration://offline?data=${encodeURIComponent(encodeBase64(bytes))}`;
/** Encodes a payload from protobuf text format with protoc, so test inputs do not come from our own encoder. */
const encodeText = (text: string) => uriOf(protoc('--encode', text));
const plain = (b: MigrationBatch) => ({
  ...b,
  accounts: b.accounts.map((a) => ({ ...a, secret: hex(a.secret) })),
});
const migrationError = (reason?: string) =>
  expect.objectContaining({
    code: 'invalid-migration',
    ...(reason ? { params: expect.objectContaining({ reason }) } : {}),
  });

describe('public samples (protocols.md §1.5)', () => {
  it('dim13/otpauth README: defaults for absent algorithm/digits, Issuer:account name', () => {
    const b = parseMigrationUri(
      'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC',
    );
    expect(plain(b)).toEqual({
      accounts: [
        {
          type: 'totp',
          secret: hex(
            Uint8Array.from([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]),
          ),
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          counter: 0,
          issuer: 'Example',
          label: 'alice@google.com',
        },
      ],
      version: 0,
      batchSize: 1,
      batchIndex: 0,
      batchId: 0,
    });
  });

  it('"My Test Account": explicit SHA1/SIX/TOTP, version 1, no issuer', () => {
    const b = parseMigrationUri(
      'otpauth-migration://offline?data=CiMKCskCjMDVZlPV3OQSD015IFRlc3QgQWNjb3VudCABKAEwAhAB',
    );
    expect(plain(b).accounts).toEqual([
      {
        type: 'totp',
        secret: 'c9028cc0d56653d5dce4',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        issuer: '',
        label: 'My Test Account',
      },
    ]);
    expect(b.version).toBe(1);
  });

  it('rejects the circulating malformed sample (its submessage length is stale)', () => {
    const data =
      'CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhACGAEgAA==';
    // What protoc sees: digits/type spilled into the outer message as batch_id 1 and unknown field 6.
    const text = protoc('--decode', Buffer.from(data, 'base64')).toString();
    expect(text).toMatch(/batch_id: 1/);
    expect(text).toMatch(/^6: 2$/m);
    expect(() =>
      parseMigrationUri(`otpauth-migration://offline?data=${encodeURIComponent(data)}`),
    ).toThrow(migrationError());
    expect(() => parseMigrationUri(`otpauth-migration://offline?data=${data}`)).toThrow(
      migrationError(),
    );
  });
});

describe('payloads encoded by protoc', () => {
  it('reads HOTP counters, SHA256/SHA512, EIGHT digits and raw-byte secrets', () => {
    const b = parseMigrationUri(
      encodeText(`otp_parameters { secret: "\\000\\377\\020" name: "Bank:bob" issuer: "" algorithm: ALGORITHM_SHA512 digits: DIGIT_COUNT_EIGHT type: OTP_TYPE_HOTP counter: 9007199254740991 }
                  otp_parameters { secret: "k" name: "carol" issuer: "Shop" algorithm: ALGORITHM_SHA256 type: OTP_TYPE_TOTP counter: 5 }
                  version: 1 batch_size: 2 batch_index: 1 batch_id: -1558090923`),
    );
    expect(plain(b)).toEqual({
      accounts: [
        {
          type: 'hotp',
          secret: '00ff10',
          algorithm: 'SHA512',
          digits: 8,
          period: 30,
          counter: Number.MAX_SAFE_INTEGER,
          issuer: 'Bank',
          label: 'bob',
        },
        {
          type: 'totp',
          secret: '6b',
          algorithm: 'SHA256',
          digits: 6,
          period: 30,
          counter: 0,
          issuer: 'Shop',
          label: 'carol',
        },
      ],
      version: 1,
      batchSize: 2,
      batchIndex: 1,
      batchId: -1558090923,
    });
  });

  it('prefers the issuer field over the name prefix and strips spaces before the account', () => {
    const b = parseMigrationUri(
      encodeText('otp_parameters { secret: "k" name: "Old Name:  dave" issuer: "New Name" }'),
    );
    expect(b.accounts[0]).toMatchObject({ issuer: 'New Name', label: 'dave' });
  });

  it.each([
    ['MD5', 'otp_parameters { secret: "k" algorithm: ALGORITHM_MD5 }', 'md5'],
    ['an unknown algorithm', 'otp_parameters { secret: "k" algorithm: 9 }', undefined],
    ['unknown digits', 'otp_parameters { secret: "k" digits: 3 }', undefined],
    ['an unknown type', 'otp_parameters { secret: "k" type: 3 }', undefined],
    ['an empty secret', 'otp_parameters { name: "x" }', undefined],
    [
      'a negative counter',
      'otp_parameters { secret: "k" type: OTP_TYPE_HOTP counter: -1 }',
      undefined,
    ],
    [
      'a counter above 2^53',
      'otp_parameters { secret: "k" type: OTP_TYPE_HOTP counter: 9007199254740993 }',
      undefined,
    ],
    ['no accounts', 'version: 1 batch_size: 1', undefined],
    [
      'batch_index ≥ batch_size',
      'otp_parameters { secret: "k" } batch_size: 2 batch_index: 2',
      undefined,
    ],
    ['a negative batch_size', 'otp_parameters { secret: "k" } batch_size: -1', undefined],
  ])('rejects %s with invalid-migration', (_why, text, reason) => {
    expect(() => parseMigrationUri(encodeText(text))).toThrow(migrationError(reason));
  });
});

describe('URI envelope', () => {
  const bytes = protoc(
    '--encode',
    'otp_parameters { secret: "\\000\\000\\373\\357\\276\\377\\377\\377" name: "x" } version: 1',
  );
  const b64 = encodeBase64(bytes);

  it('reads the escaped and the raw base64 forms alike', () => {
    expect(b64).toBe('Cg0KCAAA++++////EgF4EAE=');
    const escaped = parseMigrationUri(
      `otpauth-migration://offline?data=${encodeURIComponent(b64)}`,
    );
    expect(parseMigrationUri(`otpauth-migration://offline?data=${b64}`)).toEqual(escaped);
    expect(parseMigrationUri(`OTPAUTH-MIGRATION://offline?data=${b64}`)).toEqual(escaped);
    expect(parseMigrationUri(`otpauth-migration://offline?data=${b64.replace(/=+$/, '')}`)).toEqual(
      escaped,
    );
    expect(hex(escaped.accounts[0]!.secret)).toBe('0000fbefbeffffff');
  });

  it.each([
    ['another scheme', `otpauth://offline?data=${b64}`],
    ['another host', `otpauth-migration://online?data=${b64}`],
    ['no data', 'otpauth-migration://offline?foo=1'],
    ['two data parameters', `otpauth-migration://offline?data=${b64}&data=${b64}`],
    ['empty data', 'otpauth-migration://offline?data='],
    ['not base64', 'otpauth-migration://offline?data=@@@@'],
    ['wrong padding', `otpauth-migration://offline?data=${b64}==`],
    [
      'a form-decoded space instead of +',
      `otpauth-migration://offline?data=${b64.replace('+', ' ')}`,
    ],
    ['truncated protobuf', uriOf(bytes.subarray(0, bytes.length - 1))],
    ['too long', `otpauth-migration://offline?data=${'A'.repeat(9000)}`],
  ])('rejects %s', (_why, uri) => {
    expect(() => parseMigrationUri(uri)).toThrow(migrationError());
  });
});

// Text that protoc prints for a value, CEscape-style (protoc 3.21 escapes every non-printable byte in octal).
function cEscape(bytes: Uint8Array): string {
  const named: Record<number, string> = {
    0x0a: '\\n',
    0x0d: '\\r',
    0x09: '\\t',
    0x22: '\\"',
    0x27: "\\'",
    0x5c: '\\\\',
  };
  return Array.from(
    bytes,
    (b) =>
      named[b] ??
      (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\${b.toString(8).padStart(3, '0')}`),
  ).join('');
}
const utf8 = (s: string) => new TextEncoder().encode(s);

/** protoc's text output for what formatMigrationUri should have written (proto3: defaults are not printed). */
function expectedText(
  accounts: readonly OtpParams[],
  batch: { batchSize: number; batchIndex: number; batchId: number },
): string {
  const lines: string[] = [];
  for (const a of accounts) {
    // No issuer prefix when it cannot be carried: a colon in it, or an account starting with a space.
    const name =
      a.issuer !== '' && !a.issuer.includes(':') && !a.label.startsWith(' ')
        ? `${a.issuer}:${a.label}`
        : a.label.includes(':')
          ? `:${a.label}`
          : a.label;
    lines.push('otp_parameters {', `  secret: "${cEscape(a.secret)}"`);
    if (name !== '') lines.push(`  name: "${cEscape(utf8(name))}"`);
    if (a.issuer !== '') lines.push(`  issuer: "${cEscape(utf8(a.issuer))}"`);
    lines.push(
      `  algorithm: ALGORITHM_${a.algorithm}`,
      `  digits: DIGIT_COUNT_${a.digits === 6 ? 'SIX' : 'EIGHT'}`,
      `  type: OTP_TYPE_${a.type.toUpperCase()}`,
    );
    if (a.type === 'hotp' && a.counter !== 0) lines.push(`  counter: ${a.counter}`);
    lines.push('}');
  }
  lines.push('version: 1');
  if (batch.batchSize !== 0) lines.push(`batch_size: ${batch.batchSize}`);
  if (batch.batchIndex !== 0) lines.push(`batch_index: ${batch.batchIndex}`);
  if (batch.batchId !== 0) lines.push(`batch_id: ${batch.batchId}`);
  return lines.join('\n') + '\n';
}

// Leading/trailing spaces and colons included on purpose (issue #7 item 17); names the parser must
// refuse (controls, bidi controls) left out.
const text = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 12 }),
    fc
      .tuple(
        fc.stringMatching(/^[ :]{0,3}$/),
        fc.string({ unit: 'grapheme', maxLength: 8 }),
        fc.stringMatching(/^[ :]{0,3}$/),
      )
      .map((p) => p.join('')),
  )
  .filter((s) => !hasUnsafeNameChar(s));
const exportable: fc.Arbitrary<OtpParams> = fc
  .record({
    type: fc.constantFrom('totp' as const, 'hotp' as const),
    secret: fc.uint8Array({ minLength: 1, maxLength: 40 }),
    algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
    digits: fc.constantFrom(6, 8),
    counter: fc.maxSafeNat(),
    issuer: text,
    label: text,
  })
  .map((p) => ({ ...p, period: 30, counter: p.type === 'hotp' ? p.counter : 0 }));
const batchArb = fc
  .record({
    batchSize: fc.integer({ min: 1, max: 10 }),
    index: fc.nat(),
    batchId: fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
  })
  .map(({ batchSize, index, batchId }) => ({ batchSize, batchIndex: index % batchSize, batchId }));

describe('formatMigrationUri cross-checked with protoc --decode', () => {
  const cases = fc.sample(
    fc.tuple(fc.array(exportable, { minLength: 1, maxLength: 4 }), batchArb),
    { seed: 0x6a, numRuns: 30 },
  );

  it.each(cases.map((c, i) => [i, c] as const))('case %i', (_i, [accounts, batch]) => {
    const uri = formatMigrationUri(accounts, batch);
    const data = decodeURIComponent(uri.slice('otpauth-migration://offline?data='.length));
    expect(protoc('--decode', Buffer.from(data, 'base64')).toString()).toBe(
      expectedText(accounts, batch),
    );
    expect(plain(parseMigrationUri(uri))).toEqual(plain({ accounts, version: 1, ...batch }));
  });

  it('refuses to export what the format cannot carry (7/10 digits, a period other than 30)', () => {
    const a: OtpParams = {
      type: 'totp',
      secret: Uint8Array.of(1),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      issuer: '',
      label: 'x',
    };
    expect(() => formatMigrationUri([{ ...a, digits: 7 }])).toThrow(
      expect.objectContaining({ code: 'invalid-parameter' }),
    );
    expect(() => formatMigrationUri([{ ...a, period: 60 }])).toThrow(
      expect.objectContaining({ code: 'invalid-parameter' }),
    );
  });
});

describe('names (issue #7 item 7)', () => {
  it('refuses controls and bidi controls in an exported name or issuer', () => {
    const secret =
      'secret: "\\001\\002" algorithm: ALGORITHM_SHA1 digits: DIGIT_COUNT_SIX type: OTP_TYPE_TOTP';
    for (const fields of [
      'name: "Evil\\nCorp:bob"',
      'name: "bob" issuer: "\\342\\200\\256moc.lapyap"',
      'name: "\\033[31mbob"',
      'name: "bob\\302\\205"',
    ]) {
      const uri = encodeText(`otp_parameters { ${secret} ${fields} }\nversion: 1\n`);
      expect(() => parseMigrationUri(uri), fields).toThrow(migrationError('unsafe-name'));
    }
  });
});

describe('properties', () => {
  it('parse(format(x)) = x for arbitrary exportable accounts and batches', () => {
    fc.assert(
      fc.property(
        fc.array(exportable, { minLength: 1, maxLength: 5 }),
        batchArb,
        (accounts, batch) => {
          expect(plain(parseMigrationUri(formatMigrationUri(accounts, batch)))).toEqual(
            plain({ accounts, version: 1, ...batch }),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('throws nothing but invalid-migration on garbage', () => {
    const arb = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.uint8Array({ maxLength: 200 }).map(uriOf),
      fc
        .tuple(
          fc.array(exportable, { minLength: 1, maxLength: 3 }),
          fc.nat(),
          fc.uint8Array({ minLength: 1, maxLength: 3 }),
        )
        .map(([accounts, at, junk]) => {
          const uri = formatMigrationUri(accounts);
          const bytes = Buffer.from(decodeURIComponent(uri.slice(uri.indexOf('=') + 1)), 'base64');
          const i = at % (bytes.length + 1);
          return uriOf(
            Uint8Array.from([...bytes.subarray(0, i), ...junk, ...bytes.subarray(i + 1)]),
          );
        }),
      fc.string({
        unit: fc.constantFrom(...'otpauth-migration://offline?data=%2B%3D+/=&AB'),
        maxLength: 60,
      }),
    );
    fc.assert(
      fc.property(arb, (uri) => {
        try {
          parseMigrationUri(uri);
        } catch (e) {
          expect(isFaktorError(e, 'invalid-migration')).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
