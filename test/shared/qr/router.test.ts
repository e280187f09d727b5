import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { route } from '../../../shared/qr/payload-parsers';
import {
  MAX_PAYLOAD_CHARS,
  QR_ROUTER_VERSION,
  routePayload,
  toRouteView,
  type PayloadParsers,
} from '../../../shared/qr/router';
import { formatMigrationUri } from '../../../shared/otp/migration';
import type { OtpParams } from '../../../shared/otp/types';
import { formatLoginPayload } from '../../../shared/servicekonto/login-payload';
import { formatPairingPayload } from '../../../shared/servicekonto/pairing-payload';

const secret = new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);
const account = (i: number): OtpParams => ({
  type: 'totp',
  secret,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  issuer: `Issuer${i}`,
  label: `user${i}@example.com`,
});

describe('routePayload (version 1)', () => {
  it('is version 1', () => expect(QR_ROUTER_VERSION).toBe(1));

  it('routes otpauth:// to add-account with a summary and no secret in the view', () => {
    const uri =
      'otpauth://totp/ACME%20Co:john@example.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60';
    const r = route(uri);
    expect(r).toMatchObject({
      kind: 'add-account',
      payload: uri,
      summary: {
        type: 'totp',
        issuer: 'ACME Co',
        label: 'john@example.com',
        algorithm: 'SHA256',
        digits: 8,
        period: 60,
      },
      warnings: [],
    });
    const view = toRouteView(r);
    expect(JSON.stringify(view)).not.toContain('HXDMVJEC');
    expect(view).not.toHaveProperty('payload');
    expect(Object.keys((view as { summary: object }).summary).sort()).toEqual([
      'algorithm',
      'digits',
      'issuer',
      'label',
      'period',
      'type',
    ]);
  });

  it('accepts an upper-case scheme and surrounding whitespace', () => {
    expect(route('  OTPAUTH://totp/x?secret=JBSWY3DPEHPK3PXP \n').kind).toBe('add-account');
  });

  it('passes the parser warnings through', () => {
    const r = route('otpauth://hotp/Foo:bar?secret=JBSWY3DPEHPK3PXP&issuer=Baz');
    expect(r.kind).toBe('add-account');
    if (r.kind === 'add-account')
      expect(r.warnings).toEqual(
        expect.arrayContaining(['issuer-mismatch', 'hotp-counter-missing']),
      );
  });

  it('routes otpauth-migration:// to migration-part with batch fields', () => {
    const uri = formatMigrationUri([account(1), account(2)], {
      batchSize: 3,
      batchIndex: 1,
      batchId: -12345,
    });
    const r = route(uri);
    expect(r).toMatchObject({
      kind: 'migration-part',
      batchSize: 3,
      batchIndex: 1,
      batchId: -12345,
      version: 1,
    });
    if (r.kind === 'migration-part')
      expect(r.accounts.map((a) => a.issuer)).toEqual(['Issuer1', 'Issuer2']);
    expect(JSON.stringify(toRouteView(r))).not.toContain('data=');
  });

  it('marks a broken otpauth or migration code as invalid with the parser error', () => {
    expect(route('otpauth://totp/x?secret=!!!')).toEqual({
      kind: 'invalid',
      target: 'otpauth',
      error: 'invalid-secret',
    });
    expect(route('otpauth://totp/x')).toMatchObject({ kind: 'invalid', target: 'otpauth' });
    expect(route('otpauth-migration://offline?data=AAAA')).toEqual({
      kind: 'invalid',
      target: 'otpauth-migration',
      error: 'invalid-migration',
    });
    expect(route(`otpauth://totp/x?secret=${'A'.repeat(MAX_PAYLOAD_CHARS)}`)).toEqual({
      kind: 'invalid',
      target: 'otpauth',
      error: 'invalid-uri',
    });
  });

  it('routes faktor-pair: and faktor-login: to the Servicekonto parsers, without the token in the view', () => {
    const token = 'A'.repeat(43);
    const pair = formatPairingPayload({
      origin: 'https://konto.example',
      account: 'acc-1',
      accountName: 'erika',
      token,
      exp: 2_000_000_000,
      level: 'substanziell',
    });
    const r = route(pair, 1_999_999_000_000);
    expect(r).toMatchObject({
      kind: 'servicekonto-pairing',
      pairing: { origin: 'https://konto.example', account: 'acc-1', level: 'substanziell' },
    });
    expect(JSON.stringify(toRouteView(r))).not.toContain(token);
    const login = formatLoginPayload({
      origin: 'http://127.0.0.1:8787',
      account: 'acc-1',
      accountName: 'erika',
      tx: 'B'.repeat(22),
      challenge: 'c'.repeat(40),
      service: 'Servicekonto',
      level: 'substanziell',
      exp: 2_000_000_000,
    });
    expect(route(login, 1_999_999_000_000)).toMatchObject({
      kind: 'servicekonto-login',
      login: { tx: 'B'.repeat(22), service: 'Servicekonto' },
    });
  });

  it('marks a broken or expired Servicekonto code as invalid with the protocol error', () => {
    expect(route('faktor-pair:{"v":1}')).toEqual({
      kind: 'invalid',
      target: 'faktor-pair',
      error: 'protocol-malformed',
    });
    expect(route('FAKTOR-LOGIN:{"v":2}')).toEqual({
      kind: 'invalid',
      target: 'faktor-login',
      error: 'protocol-version',
    });
    const pair = formatPairingPayload({
      origin: 'https://konto.example',
      account: 'a',
      accountName: 'e',
      token: 'A'.repeat(43),
      exp: 1000,
      level: 'substanziell',
    });
    expect(route(pair, 1_000_000)).toEqual({
      kind: 'invalid',
      target: 'faktor-pair',
      error: 'protocol-expired',
    });
    expect(route(`faktor-pair:${'x'.repeat(MAX_PAYLOAD_CHARS)}`)).toEqual({
      kind: 'invalid',
      target: 'faktor-pair',
      error: 'protocol-oversize',
    });
  });

  it('routes anything else to text', () => {
    expect(route('https://example.com/')).toEqual({ kind: 'text', text: 'https://example.com/' });
    expect(route('')).toEqual({ kind: 'text', text: '' });
    expect(route('otpauth:/totp/missing-slash')).toEqual({
      kind: 'text',
      text: 'otpauth:/totp/missing-slash',
    });
    expect(route('x'.repeat(MAX_PAYLOAD_CHARS + 10))).toEqual({
      kind: 'text',
      text: 'x'.repeat(MAX_PAYLOAD_CHARS),
    });
  });

  it('never lets an extra field of a parser result into the summary', () => {
    const leaky: PayloadParsers = {
      otpauth: () => ({ params: { ...account(1), secretBase32: 'LEAK' } as never, warnings: [] }),
      migration: () => {
        throw new Error('boom');
      },
      pairing: () => {
        throw new Error('boom');
      },
      login: () => {
        throw new Error('boom');
      },
    };
    const r = routePayload('otpauth://totp/x?secret=A', leaky);
    expect(JSON.stringify(toRouteView(r))).not.toContain('LEAK');
    expect(JSON.stringify(toRouteView(r))).not.toContain('72,101');
    // A parser that throws something other than FaktorError still gives a typed verdict.
    expect(routePayload('otpauth-migration://offline?data=x', leaky)).toEqual({
      kind: 'invalid',
      target: 'otpauth-migration',
      error: 'invalid-migration',
    });
    expect(routePayload('faktor-login:{}', leaky)).toEqual({
      kind: 'invalid',
      target: 'faktor-login',
      error: 'protocol-malformed',
    });
  });

  it('never throws for any string (fast-check), and a verdict is always one of the six kinds', () => {
    const kinds = new Set([
      'add-account',
      'migration-part',
      'servicekonto-pairing',
      'servicekonto-login',
      'invalid',
      'text',
    ]);
    const prefixed = fc.tuple(
      fc.constantFrom(
        'otpauth://',
        'otpauth-migration://offline?data=',
        'faktor-pair:',
        'faktor-login:{"v":1,',
        'OtpAuth://totp/',
        '',
      ),
      fc.string({ unit: 'binary', maxLength: 300 }),
    );
    fc.assert(
      fc.property(prefixed, ([p, s]) => {
        const r = route(p + s);
        expect(kinds.has(r.kind)).toBe(true);
        toRouteView(r);
      }),
      { numRuns: 2000 },
    );
  });
});
