/**
 * Server configuration: its fields and defaults, the checks it must pass before the server starts,
 * and the start banner. Kept separate from main.ts so tests and the benchmark build the same options
 * object without spawning a process; config-flags.ts reads it from flags and environment variables,
 * config-help.ts is their usage text.
 */
import { BlockList, isIP } from 'node:net';
import path from 'node:path';
import { parseDataKeys } from './store/credential-cipher';
import { DEFAULT_PUSHES_PER_ADDRESS } from './app/approval-hub';

/** Everything the server needs to start; createServer() takes it (every field has a default). */
export interface ServerConfig {
  /** Interface to bind; loopback by default. */
  host: string;
  /** TCP port; 0 lets the OS choose (tests). */
  port: number;
  /** Directory holding the SQLite file; created if missing. */
  dataDir: string;
  /** postgres:// URL: the store is PostgreSQL (several nodes) instead of the SQLite file (docs/deploy.md). */
  database?: string;
  /** PostgreSQL schema to use (created if missing); default: the connection's search_path. Tests give each server one. */
  databaseSchema?: string;
  /** Adds the controllable clock, the test eID provider and the outboxes. Loopback only. */
  testMode: boolean;
  /** Sets the Secure flag on cookies; off by default on plain-http loopback. */
  secureCookies: boolean;
  /** Public origin the browser uses (WebAuthn origin, links in e-mails); derived from host:port when unset. */
  origin?: string;
  /** WebAuthn relying-party id (a domain, never an IP); 'localhost' by default. */
  rpId: string;
  /** fastify log level ('silent' in tests). */
  logLevel: string;
  /** Argon2id memory cost in KiB (OWASP: 19456 with t=2, p=1). Lower only in unit tests of the store. */
  argon2MemoryKiB: number;
  /**
   * Host header values the server answers (DNS-rebinding defence): `name` (any port), `name:port`, or
   * `*` (no check). Unset = the bound names (server/http/host-check.ts). Test mode: loopback names only.
   */
  allowedHosts?: string[];
  /** Lock period of a delayed deletion (§7) in days: the one value the API, the pages and the §7 notice use. */
  deletionDelayDays: number;
  /** Account creations allowed per client address within 15 minutes (issue #7 item 6). */
  maxAccountCreations: number;
  /** Online-approval requests one client address (an IPv6 /56) may have held at once (4 minutes each). */
  maxPushesPerAddress: number;
  /**
   * Keys sealing means credentials at rest, `id:base64(32 bytes)[,…]`, first = current (env
   * FAKTOR_DATA_KEYS only, never a flag: argv is visible to every user). Required outside test mode.
   */
  dataKeys?: string;
  /**
   * Addresses (IPs or CIDR ranges) of the TLS-terminating proxies in front of the nodes: only requests
   * from them may name the client in X-Forwarded-For (throttles, audit). Unset = no proxy is trusted.
   */
  trustedProxies?: string[];
  /** JSON file with the OpenID Connect clients (relying parties) to register (server/oidc/clients.ts). */
  oidcClientsFile?: string;
}

/** The defaults: 127.0.0.1:8787, ./.faktor-data/servicekonto (git-ignored), normal mode. */
export const DEFAULT_CONFIG: ServerConfig = {
  host: '127.0.0.1',
  port: 8787,
  dataDir: path.resolve('.faktor-data', 'servicekonto'),
  testMode: false,
  secureCookies: false,
  rpId: 'localhost',
  logLevel: 'info',
  argon2MemoryKiB: 19456,
  deletionDelayDays: 7,
  maxAccountCreations: 10,
  maxPushesPerAddress: DEFAULT_PUSHES_PER_ADDRESS,
};

/** Thrown for a configuration the server must refuse to start with; main.ts prints the message. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** True for 127.0.0.0/8, ::1 and 'localhost': the only hosts test mode may bind to. */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** Refuses combinations that would be unsafe (test mode on a reachable interface) or nonsensical. */
export function validateConfig(config: ServerConfig): ServerConfig {
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    throw new ConfigError(`invalid port: ${config.port}`);
  }
  if (config.testMode && !isLoopbackHost(config.host)) {
    throw new ConfigError(
      `refusing --test-mode on host "${config.host}": test mode (controllable clock, test eID, readable outboxes) ` +
        'may only bind to a loopback address such as 127.0.0.1 or ::1',
    );
  }
  if (
    !Number.isInteger(config.deletionDelayDays) ||
    config.deletionDelayDays < 1 ||
    config.deletionDelayDays > 365
  ) {
    throw new ConfigError(
      `invalid deletion delay: ${config.deletionDelayDays} (whole days, 1–365)`,
    );
  }
  if (config.dataKeys !== undefined) {
    try {
      parseDataKeys(config.dataKeys);
    } catch (e) {
      throw new ConfigError(`FAKTOR_DATA_KEYS: ${(e as Error).message}`);
    }
  } else if (!config.testMode) {
    throw new ConfigError(
      'no data key: outside --test-mode TOTP seeds and WebAuthn data are encrypted at rest; set FAKTOR_DATA_KEYS=k1:<32 random bytes in base64>, ' +
        'e.g. export FAKTOR_DATA_KEYS="k1:$(openssl rand -base64 32)" (docs/servicekonto.md, Keys)',
    );
  }
  if (config.database !== undefined) checkDatabaseUrl(config.database);
  for (const p of config.trustedProxies ?? []) checkTrustedProxy(p);
  if (!Number.isInteger(config.maxAccountCreations) || config.maxAccountCreations < 1) {
    throw new ConfigError(
      `invalid account-creation limit: ${config.maxAccountCreations} (a whole number ≥ 1)`,
    );
  }
  if (!Number.isInteger(config.maxPushesPerAddress) || config.maxPushesPerAddress < 1) {
    throw new ConfigError(
      `invalid online-approval limit per address: ${config.maxPushesPerAddress} (a whole number ≥ 1)`,
    );
  }
  return config;
}

/** Narrowest prefix accepted per address family: wider would trust a whole provider's clients. */
const WIDEST_PROXY_PREFIX = { 4: 8, 6: 16 } as const;

/**
 * Refuses a trusted proxy that is not an IP or CIDR range, and a range wider than /8 (IPv6 /16):
 * `0.0.0.0/0` would let every client name any address in X-Forwarded-For and so walk around the
 * per-address throttles.
 */
function checkTrustedProxy(p: string): void {
  const m = /^([^/]+)(?:\/(\d{1,3}))?$/.exec(p);
  const family = m ? isIP(m[1] ?? '') : 0;
  if (!m || (family !== 4 && family !== 6))
    throw new ConfigError(`--trusted-proxies: "${p}" is not an IP address or CIDR range`);
  if (m[2] === undefined) return;
  const prefix = Number(m[2]);
  if (prefix > (family === 4 ? 32 : 128))
    throw new ConfigError(`--trusted-proxies: "${p}" has a prefix longer than the address`);
  const widest =
    family === 6 && coversMappedIpv4(m[1] as string, prefix) ? 104 : WIDEST_PROXY_PREFIX[family];
  if (prefix < widest)
    throw new ConfigError(
      `--trusted-proxies: "${p}" is too wide (at most /${widest}); name the proxies' own addresses`,
    );
}

/**
 * True when an IPv6 range reaches into the IPv4-mapped space (::ffff:0:0/96): on a dual-stack
 * socket every IPv4 client arrives as such an address, so `::ffff:0:0/96` or `::/16` would trust all
 * of them; inside that space the IPv4 limit applies (/8 = /104).
 */
function coversMappedIpv4(base: string, prefix: number): boolean {
  const range = new BlockList();
  range.addSubnet(base, prefix, 'ipv6');
  if (prefix <= 96) return range.check('::ffff:0.0.0.0', 'ipv6');
  const mapped = new BlockList();
  mapped.addSubnet('::ffff:0.0.0.0', 96, 'ipv6');
  return mapped.check(base, 'ipv6');
}

/** Refuses anything but a postgres:// URL, naming the problem without echoing a password. */
function checkDatabaseUrl(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      '--database / FAKTOR_DATABASE_URL: not a URL (postgres://user@host:5432/dbname)',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(
      `--database / FAKTOR_DATABASE_URL: only postgres:// URLs are supported, not ${url.protocol}// (SQLite is the default: --data-dir)`,
    );
  }
}

/** The database URL with any password replaced, for the banner and errors. */
export function redactedDatabaseUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '[invalid URL]';
  }
}

/**
 * What `npm run server` prints at start: one banner line with the URL to open, plus a warning line in
 * test mode. `url` is the address it listens on, `origin` the browser origin (localhost for WebAuthn).
 */
export function startupBanner(config: ServerConfig, url: string, origin: string): string[] {
  const data = config.database
    ? `PostgreSQL ${redactedDatabaseUrl(config.database)}`
    : config.dataDir;
  const lines = [
    `Faktor Servicekonto (BSI TR-03160-1): open ${origin}/ — listening on ${url} — API ${origin}/openapi.json — data ${data}`,
  ];
  if (config.testMode) {
    lines.push(
      'WARNING: TEST MODE — settable clock, test eID and SMS/e-mail outboxes readable by anyone on this machine; never use real data or real passwords.',
    );
  }
  return lines;
}
