/**
 * Server configuration from command-line flags and environment variables. Kept separate from main.ts
 * so tests and the benchmark build the same options object without spawning a process.
 */
import { isIP } from 'node:net';
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
  for (const p of config.trustedProxies ?? []) {
    if (!isIP(p.split('/')[0] ?? '') || !/^[^/]+(\/\d{1,3})?$/.test(p)) throw new ConfigError(`--trusted-proxies: "${p}" is not an IP address or CIDR range`);
  }
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

/** Flags that take a value, and flags that are switches; anything else is refused (a typo must not be ignored). */
const VALUE_FLAGS = [
  'host',
  'port',
  'data-dir',
  'database',
  'origin',
  'rp-id',
  'log-level',
  'allowed-hosts',
  'trusted-proxies',
  'deletion-delay-days',
  'max-account-creations',
  'max-pushes-per-address',
  'oidc-clients',
] as const;
const SWITCH_FLAGS = ['test-mode', 'secure-cookies', 'help'] as const;

/** `npm run server -- --help`. */
export const HELP_TEXT = `Faktor reference Servicekonto (BSI TR-03160-1)

Usage: npm run server -- [flags]

  --host <addr>       interface to bind (env FAKTOR_HOST, default 127.0.0.1);
                      with --test-mode only loopback (127.0.0.0/8, ::1, localhost)
  --port <n>          TCP port (env FAKTOR_PORT, default 8787; 0 = any free port)
  --data-dir <dir>    directory of servicekonto.sqlite (env FAKTOR_DATA_DIR,
                      default ./.faktor-data/servicekonto)
  --database <url>    PostgreSQL instead of SQLite, postgres://user@host:5432/db (env
                      FAKTOR_DATABASE_URL); several nodes may share it (docs/deploy.md). Put a
                      password in the env variable or PGPASSWORD, never in the flag (argv is public)
  --test-mode         test clock, test eID and readable SMS/e-mail outboxes
                      (env FAKTOR_TEST_MODE=1); never with real data
  --secure-cookies    Secure flag on the session cookie, for HTTPS (env FAKTOR_SECURE_COOKIES=1)
  --origin <url>      browser origin for WebAuthn and e-mail links
                      (env FAKTOR_ORIGIN, default http://localhost:<port>)
  --rp-id <domain>    WebAuthn relying-party id (env FAKTOR_RP_ID, default localhost)
  --allowed-hosts <l> comma-separated Host names the server answers, name or name:port,
                      * = any (env FAKTOR_ALLOWED_HOSTS; default: the bound address, the
                      loopback names when bound there, the RP id and the --origin host);
                      ignored in test mode, which answers localhost/127.0.0.1/[::1] only
  --trusted-proxies <l>
                      comma-separated IPs/CIDRs of the reverse proxies in front of the server
                      (env FAKTOR_TRUSTED_PROXIES); only they may set X-Forwarded-For, which
                      then names the client for throttles and the audit log (docs/deploy.md)
  --log-level <lvl>   fatal|error|warn|info|debug|trace|silent (env FAKTOR_LOG_LEVEL, default info)
  --deletion-delay-days <n>
                      lock period of a delayed account deletion, shown at creation (§7)
                      (env FAKTOR_DELETION_DELAY_DAYS, default 7)
  --max-account-creations <n>
                      account creations per client address within 15 minutes
                      (env FAKTOR_MAX_ACCOUNT_CREATIONS, default 10)
  --max-pushes-per-address <n>
                      online-approval requests one client address (IPv6: its /56) may have
                      open or recently settled at once (env FAKTOR_MAX_PUSHES_PER_ADDRESS, default 300)
  --oidc-clients <f>  JSON file: array of OpenID Connect client metadata (env FAKTOR_OIDC_CLIENTS);
                      issuer <origin>/oidc, see docs/oidc.md
  --help              this text

Environment only: FAKTOR_DATA_KEYS=id:base64key[,id:base64key…] — keys that encrypt TOTP seeds and
WebAuthn data at rest (first = current; required outside --test-mode; rotation in docs/servicekonto.md).

Open the pages at http://localhost:<port>/ (WebAuthn needs a domain, not an IP address).
API: GET /openapi.json. Documentation: docs/servicekonto.md.
`;

/** True when the user asked for the usage text. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** Refuses unknown flags and value flags without a value. */
function checkFlags(argv: readonly string[]): void {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '-h') continue;
    const m = /^--([a-z-]+)(=.*)?$/.exec(a);
    const name = m?.[1] ?? '';
    if ((VALUE_FLAGS as readonly string[]).includes(name)) {
      if (m?.[2] === undefined) {
        const next = argv[i + 1];
        if (next === undefined || next.startsWith('--'))
          throw new ConfigError(`flag --${name} needs a value (see --help)`);
        i++;
      }
      continue;
    }
    if ((SWITCH_FLAGS as readonly string[]).includes(name) && m?.[2] === undefined) continue;
    throw new ConfigError(`unknown argument "${a}" (see --help)`);
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

function flagValue(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === `--${name}`) return argv[i + 1];
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

function truthy(v: string | undefined): boolean {
  return v !== undefined && /^(1|true|yes|on)$/i.test(v);
}

/**
 * Reads flags (--port, --host, --data-dir, --test-mode, --secure-cookies, --origin, --rp-id,
 * --log-level, --allowed-hosts) with environment fallbacks (FAKTOR_PORT, FAKTOR_HOST, FAKTOR_DATA_DIR,
 * FAKTOR_TEST_MODE, FAKTOR_SECURE_COOKIES, FAKTOR_ORIGIN, FAKTOR_RP_ID, FAKTOR_LOG_LEVEL,
 * FAKTOR_ALLOWED_HOSTS).
 */
export function configFromArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ServerConfig {
  return validateConfig(rawConfigFromArgs(argv, env));
}

/** configFromArgs without validation (main.ts fills in the data key file before validating). */
export function rawConfigFromArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): ServerConfig {
  checkFlags(argv);
  const pick = (flag: string, envName: string): string | undefined =>
    flagValue(argv, flag) ?? env[envName];
  const port = pick('port', 'FAKTOR_PORT');
  const dataDir = pick('data-dir', 'FAKTOR_DATA_DIR');
  const databaseFlag = flagValue(argv, 'database');
  if (databaseFlag !== undefined && redactedDatabaseUrl(databaseFlag).includes(':***@')) {
    throw new ConfigError('--database: the URL holds a password, which every user can read in the process list; use FAKTOR_DATABASE_URL or PGPASSWORD');
  }
  const database = databaseFlag ?? env.FAKTOR_DATABASE_URL;
  const origin = pick('origin', 'FAKTOR_ORIGIN');
  const delayDays = pick('deletion-delay-days', 'FAKTOR_DELETION_DELAY_DAYS');
  const maxCreations = pick('max-account-creations', 'FAKTOR_MAX_ACCOUNT_CREATIONS');
  const maxPushes = pick('max-pushes-per-address', 'FAKTOR_MAX_PUSHES_PER_ADDRESS');
  const oidcClientsFile = pick('oidc-clients', 'FAKTOR_OIDC_CLIENTS');
  const trustedProxies = pick('trusted-proxies', 'FAKTOR_TRUSTED_PROXIES')
    ?.split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  const allowedHosts = pick('allowed-hosts', 'FAKTOR_ALLOWED_HOSTS')
    ?.split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  const config: ServerConfig = {
    ...DEFAULT_CONFIG,
    host: pick('host', 'FAKTOR_HOST') ?? DEFAULT_CONFIG.host,
    port: port === undefined ? DEFAULT_CONFIG.port : Number(port),
    dataDir: dataDir ? path.resolve(dataDir) : DEFAULT_CONFIG.dataDir,
    testMode: argv.includes('--test-mode') || truthy(env.FAKTOR_TEST_MODE),
    secureCookies: argv.includes('--secure-cookies') || truthy(env.FAKTOR_SECURE_COOKIES),
    rpId: pick('rp-id', 'FAKTOR_RP_ID') ?? DEFAULT_CONFIG.rpId,
    logLevel: pick('log-level', 'FAKTOR_LOG_LEVEL') ?? DEFAULT_CONFIG.logLevel,
    deletionDelayDays:
      delayDays === undefined ? DEFAULT_CONFIG.deletionDelayDays : Number(delayDays),
    maxAccountCreations:
      maxCreations === undefined ? DEFAULT_CONFIG.maxAccountCreations : Number(maxCreations),
    maxPushesPerAddress:
      maxPushes === undefined ? DEFAULT_CONFIG.maxPushesPerAddress : Number(maxPushes),
    ...(env.FAKTOR_DATA_KEYS ? { dataKeys: env.FAKTOR_DATA_KEYS } : {}),
    ...(origin ? { origin } : {}),
    ...(database ? { database } : {}),
    ...(oidcClientsFile ? { oidcClientsFile: path.resolve(oidcClientsFile) } : {}),
    ...(allowedHosts && allowedHosts.length > 0 ? { allowedHosts } : {}),
    ...(trustedProxies && trustedProxies.length > 0 ? { trustedProxies } : {}),
  };
  return config;
}
