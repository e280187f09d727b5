/**
 * Configuration: flags and environment, and the refusal of test mode on a non-loopback host.
 */
import { expect, it } from 'vitest';
import { ConfigError, configFromArgs, isLoopbackHost } from '../../../server/config';

it('reads flags with environment fallbacks and loopback defaults', () => {
  const c = configFromArgs(['--port', '9000', '--data-dir=/tmp/x', '--test-mode'], { FAKTOR_HOST: '::1' });
  expect(c).toMatchObject({ port: 9000, host: '::1', dataDir: '/tmp/x', testMode: true, secureCookies: false });
  expect(configFromArgs([], {})).toMatchObject({ host: '127.0.0.1', port: 8787, testMode: false });
});

it('refuses --test-mode on a non-loopback host with a clear message', () => {
  expect(() => configFromArgs(['--test-mode', '--host', '0.0.0.0'], {})).toThrow(ConfigError);
  expect(() => configFromArgs(['--test-mode', '--host', '192.168.1.5'], {})).toThrow(/loopback/);
  expect(() => configFromArgs(['--port', '70000'], {})).toThrow(/port/);
  for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost']) expect(isLoopbackHost(h)).toBe(true);
  for (const h of ['0.0.0.0', '::', 'example.org', '10.0.0.1']) expect(isLoopbackHost(h)).toBe(false);
});

it('reads --allowed-hosts / FAKTOR_ALLOWED_HOSTS as a comma-separated list', () => {
  expect(configFromArgs(['--allowed-hosts', 'a.example, b.example:8443'], {}).allowedHosts).toEqual(['a.example', 'b.example:8443']);
  expect(configFromArgs([], { FAKTOR_ALLOWED_HOSTS: '*' }).allowedHosts).toEqual(['*']);
  expect(configFromArgs([], {}).allowedHosts).toBeUndefined();
});
