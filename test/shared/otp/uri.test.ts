import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isFaktorError, type ErrorCode } from '../../../shared/errors';
import { formatOtpauthUri, parseOtpauthUri, type OtpauthWarning } from '../../../shared/otp/uri';
import type { OtpParams } from '../../../shared/otp/types';
import { MAX_PERIOD } from '../../../shared/otp/limits';
import { hasUnsafeNameChar } from '../../../shared/text/names';
import { hex, peerParse, type PeerResult } from './peers';

type Fields = Exclude<PeerResult, { error: string }>;
type Outcome = 'ok' | 'error';
/** Our result in the peers' shape (secret as hex; period only for totp, counter only for hotp). */
type Ours = { fields: Fields; warnings: readonly OtpauthWarning[] } | { error: ErrorCode };

interface Row {
  readonly uri: string;
  /**
   * Absent: pyotp and yubikit agree and we do the same. Present: the peers disagree or we chose
   * differently; `ours` is asserted as written and `peers` pins what the peers do, so docs/otp.md
   * stays true when Debian updates them.
   */
  readonly decision?: {
    ours: (Partial<Fields> & { warnings?: OtpauthWarning[] }) | { error: ErrorCode };
    peers: [pyotp: Outcome, yubikit: Outcome];
  };
  /** Warnings we add on a row where we otherwise follow the peers. */
  readonly warnings?: OtpauthWarning[];
}

const S = 'JBSWY3DPEHPK3PXP';
const base = 'otpauth://totp/ACME:alice?secret=';

const CORPUS: readonly Row[] = [
  // §1.4 row "lowercase secret": accept.
  { uri: `${base}jbuq` },
  // §1.4 row "unpadded / padded / %3D-escaped": accept all three (and partial padding, as both peers do).
  { uri: `${base}JBUQ` },
  { uri: `${base}JBUQ====` },
  { uri: `${base}JBUQ%3D%3D%3D%3D` },
  { uri: `${base}JBUQ==` },
  { uri: `${base}JBUR` },
  // §1.4 row "spaces in secret": pyotp errors, yubikit accepts; we accept (strip spaces), like yubikit.
  { uri: `${base}JB%20UQ`, decision: { ours: { secret: '4869' }, peers: ['error', 'ok'] } },
  { uri: `${base}JB+UQ`, decision: { ours: { secret: '4869' }, peers: ['error', 'ok'] } },
  // §1.4 row "over-padded": reject.
  { uri: `${base}JBSWY3DPEHPK3PXP======` },
  { uri: `${base}JBSWY3DP========` },
  { uri: `${base}J` },
  { uri: `${base}JBU1` },
  // §1.4 row "Big%20Corporation%3A%20alice": both peers keep the space; the ABNF allows spaces before
  // the account name, so we strip them.
  {
    uri: `otpauth://totp/Big%20Corporation%3A%20alice%40bigco.com?secret=${S}&issuer=Big%20Corporation`,
    decision: {
      ours: { issuer: 'Big Corporation', label: 'alice@bigco.com', warnings: [] },
      peers: ['ok', 'ok'],
    },
  },
  {
    uri: `otpauth://totp/Big%20Corporation%3A%20alice%40bigco.com?secret=${S}`,
    decision: {
      ours: { issuer: 'Big Corporation', label: 'alice@bigco.com' },
      peers: ['ok', 'ok'],
    },
  },
  // §1.4 row "label issuer ≠ issuer=": pyotp raises, yubikit takes the parameter; we take the
  // parameter and warn.
  {
    uri: `otpauth://totp/Label:alice?secret=${S}&issuer=Param`,
    decision: {
      ours: { issuer: 'Param', label: 'alice', warnings: ['issuer-mismatch'] },
      peers: ['error', 'ok'],
    },
  },
  {
    uri: `${base}${S}&issuer=ACME+Co`,
    decision: {
      ours: { issuer: 'ACME Co', warnings: ['issuer-mismatch'] },
      peers: ['error', 'ok'],
    },
  },
  {
    uri: `${base}${S}&issuer=Other%3A`,
    decision: {
      ours: { issuer: 'Other:', label: 'alice', warnings: ['issuer-mismatch'] },
      peers: ['error', 'ok'],
    },
  },
  { uri: `otpauth://totp/ACME%3Aalice?secret=${S}&issuer=ACME` },
  { uri: `otpauth://totp/alice?secret=${S}&issuer=ACME` },
  // §1.4 row "hotp without counter": both peers use 0; we use 0 too, with a warning.
  { uri: `otpauth://hotp/ACME:alice?secret=${S}`, warnings: ['hotp-counter-missing'] },
  { uri: `otpauth://hotp/ACME:alice?secret=${S}&counter=5` },
  // Both peers accept a negative counter and a zero period; neither can compute a code. Reject.
  {
    uri: `otpauth://hotp/ACME:alice?secret=${S}&counter=-1`,
    decision: { ours: { error: 'invalid-parameter' }, peers: ['ok', 'ok'] },
  },
  {
    uri: `${base}${S}&period=0`,
    decision: { ours: { error: 'invalid-parameter' }, peers: ['ok', 'ok'] },
  },
  // Trap "URLSearchParams decodes + as a space": the label keeps '+' (both peers agree).
  { uri: `otpauth://totp/ACME:alice+tag@x.com?secret=${S}` },
  { uri: `otpauth://totp/ACME:alice%2Btag@x.com?secret=${S}` },
  // digits: 6–8 everywhere; "do not clamp 7 or 10". pyotp refuses 10; yubikit takes any number.
  { uri: `${base}${S}&digits=7` },
  { uri: `${base}${S}&digits=8` },
  { uri: `${base}${S}&digits=10`, decision: { ours: { digits: 10 }, peers: ['error', 'ok'] } },
  {
    uri: `${base}${S}&digits=5`,
    decision: { ours: { error: 'invalid-parameter' }, peers: ['error', 'ok'] },
  },
  {
    uri: `${base}${S}&digits=11`,
    decision: { ours: { error: 'invalid-parameter' }, peers: ['error', 'ok'] },
  },
  { uri: `${base}${S}&digits=abc` },
  // period: any positive integer.
  { uri: `${base}${S}&period=60` },
  { uri: `${base}${S}&period=1` },
  { uri: `${base}${S}&period=30.5` },
  // algorithm: case-insensitive for us (pyotp is case-sensitive, yubikit upper-cases).
  { uri: `${base}${S}&algorithm=SHA256` },
  { uri: `${base}${S}&algorithm=SHA512` },
  {
    uri: `${base}${S}&algorithm=sha256`,
    decision: { ours: { algorithm: 'SHA256' }, peers: ['error', 'ok'] },
  },
  { uri: `${base}${S}&algorithm=MD5` },
  // scheme and type: case-insensitive for us (pyotp compares the host case-sensitively).
  { uri: `otpauth://motp/ACME:alice?secret=${S}` },
  { uri: `https://totp/ACME:alice?secret=${S}` },
  {
    uri: `OTPAUTH://TOTP/ACME:alice?secret=${S}`,
    decision: { ours: { type: 'totp', issuer: 'ACME' }, peers: ['error', 'ok'] },
  },
  {
    uri: `otpauth://TOTP/ACME:alice?secret=${S}`,
    decision: { ours: { type: 'totp' }, peers: ['error', 'ok'] },
  },
  // secret: required and non-empty; parameter names are case-sensitive (as in both peers).
  { uri: 'otpauth://totp/ACME:alice' },
  { uri: `${base}` },
  { uri: `otpauth://totp/ACME:alice?Secret=${S}` },
  // A counter on a totp URI: pyotp raises TypeError, yubikit ignores it; we ignore it.
  {
    uri: `${base}${S}&counter=7`,
    decision: { ours: { type: 'totp', counter: null }, peers: ['error', 'ok'] },
  },
  // Two values for one parameter: pyotp keeps the last, yubikit the first. Ambiguous → reject.
  {
    uri: `${base}${S}&secret=JBUQ`,
    decision: { ours: { error: 'invalid-uri' }, peers: ['ok', 'ok'] },
  },
  // Unknown parameters: pyotp rejects all but image=, yubikit ignores them; we ignore them.
  { uri: `${base}${S}&image=https%3A%2F%2Fx%2Fi.png` },
  { uri: `${base}${S}&foo=bar`, decision: { ours: { label: 'alice' }, peers: ['error', 'ok'] } },
  // Empty labels: pyotp substitutes the name "Secret"; we keep '' like yubikit.
  {
    uri: `otpauth://totp/?secret=${S}`,
    decision: { ours: { label: '', issuer: '' }, peers: ['ok', 'ok'] },
  },
  {
    uri: `otpauth://totp?secret=${S}`,
    decision: { ours: { label: '', issuer: '' }, peers: ['ok', 'ok'] },
  },
  {
    uri: `otpauth://totp/Foo:?secret=${S}`,
    decision: { ours: { label: '', issuer: 'Foo' }, peers: ['ok', 'ok'] },
  },
  // Other label shapes, where the peers agree.
  { uri: `otpauth://totp/%C3%BCber:j%C3%BCrgen?secret=${S}` },
  { uri: `otpauth://totp/A:b:c?secret=${S}` },
  { uri: `otpauth://totp/ACME:100%ZZ?secret=${S}` },
  // Escapes that are not UTF-8: the peers insert U+FFFD; we refuse rather than store mojibake.
  {
    uri: `otpauth://totp/ACME:%FF?secret=${S}`,
    decision: { ours: { error: 'invalid-uri' }, peers: ['ok', 'ok'] },
  },
  { uri: `${base}${S}\n` },
  { uri: `${base}${S}#frag` },
  { uri: `${base}${S}&issuer=` },
  // Absurd length: the peers take anything; we cap otpauth URIs at 4 KiB.
  {
    uri: `otpauth://totp/${'a'.repeat(4100)}?secret=${S}`,
    decision: { ours: { error: 'invalid-uri' }, peers: ['ok', 'ok'] },
  },
];

function toPeerShape(p: OtpParams): Fields {
  return {
    type: p.type,
    secret: hex(p.secret),
    algorithm: p.algorithm,
    digits: p.digits,
    period: p.type === 'totp' ? p.period : null,
    counter: p.type === 'hotp' ? p.counter : null,
    issuer: p.issuer,
    label: p.label,
  };
}

function ours(uri: string): Ours {
  try {
    const r = parseOtpauthUri(uri);
    return { fields: toPeerShape(r.params), warnings: r.warnings };
  } catch (e) {
    if (!isFaktorError(e)) throw e;
    return { error: e.code };
  }
}

const outcome = (r: PeerResult): Outcome => ('error' in r ? 'error' : 'ok');

describe('parseOtpauthUri against pyotp and yubikit (protocols.md §1.4)', () => {
  let peers: ReturnType<typeof peerParse>;
  beforeAll(() => {
    peers = peerParse(CORPUS.map((r) => r.uri));
  });

  it.each(CORPUS.map((row, i) => [i, row.uri.slice(0, 90), row] as const))(
    'row %i: %s',
    (i, _uri, row) => {
      const { pyotp, yubikit } = peers[i]!;
      const mine = ours(row.uri);
      if (!row.decision) {
        // The peers agree (errors compared by outcome only), and so do we.
        expect('error' in pyotp ? 'error' : pyotp).toEqual('error' in yubikit ? 'error' : yubikit);
        if ('error' in pyotp) expect(mine).toHaveProperty('error');
        else expect(mine).toEqual({ fields: pyotp, warnings: row.warnings ?? [] });
        return;
      }
      expect([outcome(pyotp), outcome(yubikit)]).toEqual(row.decision.peers);
      if ('error' in row.decision.ours) {
        expect(mine).toEqual({ error: row.decision.ours.error });
        return;
      }
      const { warnings, ...fields } = row.decision.ours;
      expect(mine).not.toHaveProperty('error');
      const ok = mine as Exclude<Ours, { error: ErrorCode }>;
      expect(ok.fields).toMatchObject(fields);
      if (warnings) expect(ok.warnings).toEqual(warnings);
      // Where yubikit accepted, everything we did not decide differently matches it.
      if (!('error' in yubikit)) {
        const differs = Object.keys(fields).filter(
          (k) => fields[k as keyof Fields] !== yubikit[k as keyof Fields],
        );
        expect({ ...ok.fields, ...Object.fromEntries(differs.map((k) => [k, null])) }).toEqual({
          ...yubikit,
          ...Object.fromEntries(differs.map((k) => [k, null])),
        });
      }
    },
  );
});

describe('parseOtpauthUri specifics', () => {
  it('fills defaults: SHA1, 6 digits, period 30', () => {
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${S}`).params).toMatchObject({
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    });
  });

  it('gives each rejection its own code', () => {
    expect(() => parseOtpauthUri('otpauth://totp/x')).toThrow(
      expect.objectContaining({ code: 'invalid-secret' }),
    );
    expect(() => parseOtpauthUri(`otpauth://totp/x?secret=${S}&algorithm=SHA3`)).toThrow(
      expect.objectContaining({ code: 'invalid-parameter', params: { name: 'algorithm' } }),
    );
    expect(() => parseOtpauthUri(`otpauth-migration://offline?data=${S}`)).toThrow(
      expect.objectContaining({ code: 'invalid-uri' }),
    );
  });
});

// Strings that stay under the URI cap once percent-encoded. Names with leading or trailing spaces and
// colons are generated on purpose (issue #7 item 17: "  alice" came back as "alice"); only names the
// parser must refuse (controls, bidi controls — shared/text/names.ts) are left out.
const text = fc
  .oneof(
    fc.string({ unit: 'grapheme', maxLength: 16 }),
    fc
      .tuple(
        fc.stringMatching(/^[ :]{0,3}$/),
        fc.string({ unit: 'grapheme', maxLength: 10 }),
        fc.stringMatching(/^[ :]{0,3}$/),
      )
      .map((p) => p.join('')),
  )
  .filter((s) => !hasUnsafeNameChar(s));
const validParams: fc.Arbitrary<OtpParams> = fc
  .record({
    type: fc.constantFrom('totp' as const, 'hotp' as const),
    secret: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
    digits: fc.integer({ min: 6, max: 10 }),
    period: fc.integer({ min: 1, max: MAX_PERIOD }),
    counter: fc.maxSafeNat(),
    issuer: text,
    label: text,
  })
  .map((p) => (p.type === 'totp' ? { ...p, counter: 0 } : { ...p, period: 30 }));

describe('names (issue #7 items 7 and 17)', () => {
  it('refuses controls and bidi controls that only appear after percent-decoding', () => {
    const cases: Array<[string, 'issuer' | 'label']> = [
      [`otpauth://totp/al%00ice?secret=${S}`, 'label'],
      [`otpauth://totp/Evil%0ACorp:bob?secret=${S}`, 'issuer'],
      [`otpauth://totp/%1B[31m?secret=${S}`, 'label'],
      [`otpauth://totp/x?secret=${S}&issuer=%E2%80%AEmoc.lapyap`, 'issuer'],
      [`otpauth://totp/x?secret=${S}&issuer=Acme%C2%85`, 'issuer'],
      [`otpauth://totp/Acme:%E2%81%A6bob?secret=${S}`, 'label'],
      [`otpauth://totp/bob%E2%80%8F?secret=${S}`, 'label'],
      [`otpauth://totp/bob%D8%9C?secret=${S}`, 'label'],
    ];
    for (const [uri, name] of cases) {
      expect(() => parseOtpauthUri(uri), uri).toThrow(
        expect.objectContaining({ code: 'unsafe-name', params: { name } }),
      );
    }
  });

  it('keeps leading and trailing spaces of the account name through format → parse', () => {
    const p: OtpParams = {
      type: 'totp',
      secret: Uint8Array.of(1, 2, 3),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      issuer: 'Acme',
      label: '  alice ',
    };
    const uri = formatOtpauthUri(p);
    expect(uri.startsWith('otpauth://totp/%20%20alice%20?')).toBe(true);
    expect(parseOtpauthUri(uri).params.label).toBe('  alice ');
    expect(parseOtpauthUri(formatOtpauthUri({ ...p, label: ' a:b' })).params).toMatchObject({
      issuer: 'Acme',
      label: ' a:b',
    });
    // The scanned code: stored as "  alice", and read back the same.
    const scanned = parseOtpauthUri(`otpauth://totp/%20%20alice?secret=${S}&issuer=Acme`).params;
    expect(parseOtpauthUri(formatOtpauthUri(scanned)).params.label).toBe('  alice');
  });
});

describe('properties', () => {
  it('format → parse is the identity on valid params, without warnings', () => {
    fc.assert(
      fc.property(validParams, (p) => {
        const parsed = parseOtpauthUri(formatOtpauthUri(p));
        expect(parsed.warnings).toEqual([]);
        expect({ ...parsed.params, secret: hex(parsed.params.secret) }).toEqual({
          ...p,
          secret: hex(p.secret),
        });
      }),
      { numRuns: 500 },
    );
  });

  it('throws nothing but FaktorError on arbitrary input', () => {
    const fragment = fc.constantFrom(
      'otpauth://',
      'totp',
      'hotp',
      '/',
      ':',
      '%3A',
      '%',
      '%ZZ',
      '%FF',
      '?',
      '&',
      '=',
      '#',
      '+',
      ' ',
      'secret=',
      'JBUQ',
      '====',
      'issuer=',
      'algorithm=',
      'sha256',
      'digits=',
      'period=',
      'counter=',
      '10',
      '-1',
      '99999999999999999999',
      '\u0000',
      '\ud800',
    );
    const arb = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.array(fragment, { maxLength: 20 }).map((a) => a.join('')),
      fc
        .tuple(fc.constantFrom('otpauth://totp/', 'otpauth://hotp/'), fc.string({ unit: 'binary' }))
        .map(([a, b]) => a + b),
      validParams
        .chain((p) =>
          fc.tuple(
            fc.constant(formatOtpauthUri(p)),
            fc.nat(),
            fc.string({ unit: 'binary', maxLength: 4 }),
          ),
        )
        .map(
          ([u, at, junk]) => u.slice(0, at % (u.length + 1)) + junk + u.slice(at % (u.length + 1)),
        ),
    );
    fc.assert(
      fc.property(arb, (uri) => {
        try {
          parseOtpauthUri(uri);
        } catch (e) {
          expect(isFaktorError(e)).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
