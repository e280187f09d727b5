import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../support/fast-check-seed';
import { isLoopbackOrigin, parseServerOrigin } from '../../../shared/servicekonto/origin';
import { origin } from './arbitraries';
import { codeOf } from './support';

describe('server origin', () => {
  it.each([
    'https://konto.example',
    'https://konto.example:8443',
    'http://127.0.0.1:8787',
    'http://[::1]:1',
    'http://localhost',
    'https://xn--mnchen-3ya.de',
  ])('accepts %s', (o) => {
    expect(parseServerOrigin(o)).toBe(o);
  });

  it.each([
    ['http://konto.example', 'protocol-origin'],
    ['http://10.0.0.1:8787', 'protocol-origin'],
    ['https://Konto.example', 'protocol-origin'],
    ['https://konto.example/', 'protocol-origin'],
    ['https://konto.example:443', 'protocol-origin'],
    ['http://127.0.0.1:80', 'protocol-origin'],
    ['https://konto.example:65536', 'protocol-origin'],
    ['https://konto..example', 'protocol-origin'],
    ['https://user@konto.example', 'protocol-origin'],
    ['ftp://konto.example', 'protocol-origin'],
    [`https://${'a'.repeat(300)}.example`, 'protocol-oversize'],
  ])('refuses %s', (o, code) => {
    expect(codeOf(() => parseServerOrigin(o))).toBe(code);
  });

  it('tells loopback from the network', () => {
    expect(isLoopbackOrigin('http://127.0.0.1:8787')).toBe(true);
    expect(isLoopbackOrigin('https://konto.example')).toBe(false);
  });

  it('accepts every generated canonical origin and nothing throws untyped (fast-check)', () => {
    fc.assert(
      fc.property(origin, (o) => {
        expect(parseServerOrigin(o)).toBe(o);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: 'binary' }), (s) => {
        expect(['ok', 'protocol-origin', 'protocol-oversize']).toContain(
          codeOf(() => parseServerOrigin(s)),
        );
      }),
    );
  });
});
