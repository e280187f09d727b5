/**
 * Configuration: flags and environment, and the refusal of test mode on a non-loopback host.
 */
import { expect, it } from 'vitest';
import { ConfigError, configFromArgs, isLoopbackHost } from '../../../server/config';

/** A data key (normal mode needs one): 32 zero bytes, test only. */
const KEYS = { FAKTOR_DATA_KEYS: `t1:${Buffer.alloc(32).toString('base64')}` };

it('reads flags with environment fallbacks and loopback defaults', () => {
  const c = configFromArgs(['--port', '9000', '--data-dir=/tmp/x', '--test-mode'], { FAKTOR_HOST: '::1' });
  expect(c).toMatchObject({ port: 9000, host: '::1', dataDir: '/tmp/x', testMode: true, secureCookies: false });
  expect(configFromArgs([], KEYS)).toMatchObject({ host: '127.0.0.1', port: 8787, testMode: false });
});

it('refuses --test-mode on a non-loopback host with a clear message', () => {
  expect(() => configFromArgs(['--test-mode', '--host', '0.0.0.0'], {})).toThrow(ConfigError);
  expect(() => configFromArgs(['--test-mode', '--host', '192.168.1.5'], {})).toThrow(/loopback/);
  expect(() => configFromArgs(['--port', '70000'], KEYS)).toThrow(/port/);
  for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) expect(isLoopbackHost(h)).toBe(true);
  for (const h of ['0.0.0.0', '::', 'example.org', '10.0.0.1']) expect(isLoopbackHost(h)).toBe(false);
});

it('reads --allowed-hosts / FAKTOR_ALLOWED_HOSTS as a comma-separated list', () => {
  expect(configFromArgs(['--allowed-hosts', 'a.example, b.example:8443'], KEYS).allowedHosts).toEqual(['a.example', 'b.example:8443']);
  expect(configFromArgs([], { ...KEYS, FAKTOR_ALLOWED_HOSTS: '*' }).allowedHosts).toEqual(['*']);
  expect(configFromArgs([], KEYS).allowedHosts).toBeUndefined();
});

it('normal mode needs FAKTOR_DATA_KEYS (credentials at rest); a malformed key is refused in plain words', () => {
  expect(() => configFromArgs([], {})).toThrow(/FAKTOR_DATA_KEYS/);
  expect(() => configFromArgs([], { FAKTOR_DATA_KEYS: 'k1:c2hvcnQ=' })).toThrow(/32 bytes/);
  expect(configFromArgs(['--test-mode'], {}).dataKeys).toBeUndefined();
});

it('reads --max-pushes-per-address / FAKTOR_MAX_PUSHES_PER_ADDRESS (default 300) and refuses anything but a whole number ≥ 1', () => {
  expect(configFromArgs([], KEYS).maxPushesPerAddress).toBe(300);
  expect(configFromArgs(['--max-pushes-per-address', '40'], KEYS).maxPushesPerAddress).toBe(40);
  expect(configFromArgs([], { ...KEYS, FAKTOR_MAX_PUSHES_PER_ADDRESS: '7' }).maxPushesPerAddress).toBe(7);
  for (const bad of ['0', '1.5', 'many']) expect(() => configFromArgs(['--max-pushes-per-address', bad], KEYS)).toThrow(/online-approval limit/);
});
