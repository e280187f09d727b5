/**
 * Configuration: flags and environment, and the refusal of test mode on a non-loopback host.
 */
import { expect, it } from 'vitest';
import {
  ConfigError,
  isLoopbackHost,
  redactedDatabaseUrl,
  startupBanner,
} from '../../../server/config';
import { configFromArgs } from '../../../server/config-flags';

/** A data key (normal mode needs one): 32 zero bytes, test only. */
const KEYS = { FAKTOR_DATA_KEYS: `t1:${Buffer.alloc(32).toString('base64')}` };

it('reads flags with environment fallbacks and loopback defaults', () => {
  const c = configFromArgs(['--port', '9000', '--data-dir=/tmp/x', '--test-mode'], {
    FAKTOR_HOST: '::1',
  });
  expect(c).toMatchObject({
    port: 9000,
    host: '::1',
    dataDir: '/tmp/x',
    testMode: true,
    secureCookies: false,
  });
  expect(configFromArgs([], KEYS)).toMatchObject({
    host: '127.0.0.1',
    port: 8787,
    testMode: false,
  });
});

it('refuses --test-mode on a non-loopback host with a clear message', () => {
  expect(() => configFromArgs(['--test-mode', '--host', '0.0.0.0'], {})).toThrow(ConfigError);
  expect(() => configFromArgs(['--test-mode', '--host', '192.168.1.5'], {})).toThrow(/loopback/);
  expect(() => configFromArgs(['--port', '70000'], KEYS)).toThrow(/port/);
  for (const h of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost'])
    expect(isLoopbackHost(h)).toBe(true);
  for (const h of ['0.0.0.0', '::', 'example.org', '10.0.0.1'])
    expect(isLoopbackHost(h)).toBe(false);
});

it('reads --allowed-hosts / FAKTOR_ALLOWED_HOSTS as a comma-separated list', () => {
  expect(
    configFromArgs(['--allowed-hosts', 'a.example, b.example:8443'], KEYS).allowedHosts,
  ).toEqual(['a.example', 'b.example:8443']);
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
  expect(
    configFromArgs([], { ...KEYS, FAKTOR_MAX_PUSHES_PER_ADDRESS: '7' }).maxPushesPerAddress,
  ).toBe(7);
  for (const bad of ['0', '1.5', 'many'])
    expect(() => configFromArgs(['--max-pushes-per-address', bad], KEYS)).toThrow(
      /online-approval limit/,
    );
});

it('reads --database / FAKTOR_DATABASE_URL (postgres:// only) and refuses a password in the flag, never echoing it', () => {
  expect(
    configFromArgs(['--database', 'postgres://faktor@db.example:5432/sk'], KEYS).database,
  ).toBe('postgres://faktor@db.example:5432/sk');
  expect(
    configFromArgs([], { ...KEYS, FAKTOR_DATABASE_URL: 'postgresql://u:secret@db/sk' }).database,
  ).toBe('postgresql://u:secret@db/sk');
  expect(configFromArgs([], KEYS).database).toBeUndefined();
  let message = '';
  try {
    configFromArgs(['--database', 'postgres://u:hunter2@db/sk'], KEYS);
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toMatch(/process list/);
  expect(message).not.toContain('hunter2');
  expect(() => configFromArgs(['--database', 'mysql://db/sk'], KEYS)).toThrow(/only postgres/);
  expect(() => configFromArgs(['--database', 'not a url'], KEYS)).toThrow(/not a URL/);
  expect(redactedDatabaseUrl('postgres://u:hunter2@db:5432/sk')).toBe(
    'postgres://u:***@db:5432/sk',
  );
  expect(
    startupBanner(
      configFromArgs([], { ...KEYS, FAKTOR_DATABASE_URL: 'postgres://u:hunter2@db/sk' }),
      'http://127.0.0.1:8787',
      'http://localhost:8787',
    )[0],
  ).not.toContain('hunter2');
});

it('reads --trusted-proxies / FAKTOR_TRUSTED_PROXIES as IPs or CIDR ranges and refuses anything else', () => {
  expect(
    configFromArgs(['--trusted-proxies', '10.0.0.2, 10.1.0.0/16,::1'], KEYS).trustedProxies,
  ).toEqual(['10.0.0.2', '10.1.0.0/16', '::1']);
  expect(configFromArgs([], KEYS).trustedProxies).toBeUndefined();
  for (const bad of ['proxy.example', '10.0.0.0/x', '10.0.0.1/8/1', '10.0.0.0/33', '::/129'])
    expect(() => configFromArgs(['--trusted-proxies', bad], KEYS)).toThrow(/trusted-proxies/);
});

it('refuses a trusted proxy range so wide that any client could name its own address', () => {
  for (const wide of [
    '0.0.0.0/0',
    '10.0.0.0/7',
    '::/0',
    '2001::/15',
    '::/16',
    '::ffff:0:0/96',
    '::ffff:10.0.0.0/103',
  ])
    expect(() => configFromArgs(['--trusted-proxies', wide], KEYS)).toThrow(/too wide/);
  expect(
    configFromArgs(['--trusted-proxies', '10.0.0.0/8,fd00::/16,::ffff:10.0.0.0/104'], KEYS)
      .trustedProxies,
  ).toEqual(['10.0.0.0/8', 'fd00::/16', '::ffff:10.0.0.0/104']);
});
