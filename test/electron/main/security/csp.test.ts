import { describe, expect, it } from 'vitest';
import { devCsp, productionCsp } from '../../../../electron/main/security/csp';
import {
  appResponseHeaders,
  contentTypeFor,
} from '../../../../electron/main/security/response-headers';

/** Parses a CSP header into directive → sources. */
function parse(csp: string): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) {
      expect(m.has(name), `duplicate directive ${name}`).toBe(false);
      m.set(name, values);
    }
  }
  return m;
}

describe('productionCsp', () => {
  const csp = parse(productionCsp());
  it('denies by default and allows only our own scripts/styles', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
  });
  it('never allows inline code, eval or remote hosts', () => {
    const all = productionCsp({ rendererDecodesQr: true });
    for (const bad of ["'unsafe-inline'", "'unsafe-eval'", 'http:', 'https:', '*', 'ws:', 'file:'])
      expect(all).not.toContain(bad);
  });
  it("adds 'wasm-unsafe-eval' and blob workers only when the renderer decodes QR codes", () => {
    expect(productionCsp()).not.toContain('wasm-unsafe-eval');
    expect(csp.has('worker-src')).toBe(false);
    const wasm = parse(productionCsp({ rendererDecodesQr: true }));
    expect(wasm.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(wasm.get('worker-src')).toEqual(["'self'", 'blob:']);
  });
  it('allows camera video for QR scanning', () => {
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:', 'mediastream:']);
  });
});

describe('devCsp', () => {
  it('relaxes only for the dev server origin and its HMR socket', () => {
    const csp = parse(devCsp('http://localhost:5173/'));
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toContain('http://localhost:5173');
    expect(csp.get('connect-src')).toContain('ws://localhost:5173');
    expect(devCsp('http://localhost:5173/')).not.toContain("'unsafe-eval'");
    expect(devCsp('http://localhost:5173/')).not.toMatch(/(^|\s)\*(\s|;|$)/);
  });
});

describe('app:// response headers', () => {
  it('carry the CSP and hardening headers', () => {
    const h = appResponseHeaders(productionCsp());
    expect(h['Content-Security-Policy']).toBe(productionCsp());
    expect(h['X-Content-Type-Options']).toBe('nosniff');
    expect(h['Permissions-Policy']).toContain('microphone=()');
    expect(h['Permissions-Policy']).toContain('hid=()');
    expect(h['Permissions-Policy']).toContain('camera=(self)');
  });
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['assets/a.JS', 'text/javascript; charset=utf-8'],
    ['assets/a.css', 'text/css; charset=utf-8'],
    ['assets/reader.wasm', 'application/wasm'],
    ['assets/font.woff2', 'font/woff2'],
    ['assets/unknown.bin', 'application/octet-stream'],
    ['noext', 'application/octet-stream'],
  ])('content type of %s is %s', (p, t) => expect(contentTypeFor(p)).toBe(t));
});
