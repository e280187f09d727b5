/**
 * Server configuration from command-line flags and environment variables. Kept separate from main.ts
 * so tests and the benchmark build the same options object without spawning a process.
 */
import path from 'node:path';

/** Everything the server needs to start; createServer() takes it (every field has a default). */
export interface ServerConfig {
  /** Interface to bind; loopback by default. */
  host: string;
  /** TCP port; 0 lets the OS choose (tests). */
  port: number;
  /** Directory holding the SQLite file; created if missing. */
  dataDir: string;
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
};

/** Thrown for a configuration the server must refuse to start with; main.ts prints the message. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** True for 127.0.0.0/8, ::1 and 'localhost': the only hosts test mode may bind to. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
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
  return config;
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
 * --log-level) with environment fallbacks (FAKTOR_PORT, FAKTOR_HOST, FAKTOR_DATA_DIR,
 * FAKTOR_TEST_MODE, FAKTOR_SECURE_COOKIES, FAKTOR_ORIGIN, FAKTOR_RP_ID, FAKTOR_LOG_LEVEL).
 */
export function configFromArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const pick = (flag: string, envName: string): string | undefined => flagValue(argv, flag) ?? env[envName];
  const port = pick('port', 'FAKTOR_PORT');
  const dataDir = pick('data-dir', 'FAKTOR_DATA_DIR');
  const origin = pick('origin', 'FAKTOR_ORIGIN');
  const config: ServerConfig = {
    ...DEFAULT_CONFIG,
    host: pick('host', 'FAKTOR_HOST') ?? DEFAULT_CONFIG.host,
    port: port === undefined ? DEFAULT_CONFIG.port : Number(port),
    dataDir: dataDir ? path.resolve(dataDir) : DEFAULT_CONFIG.dataDir,
    testMode: argv.includes('--test-mode') || truthy(env.FAKTOR_TEST_MODE),
    secureCookies: argv.includes('--secure-cookies') || truthy(env.FAKTOR_SECURE_COOKIES),
    rpId: pick('rp-id', 'FAKTOR_RP_ID') ?? DEFAULT_CONFIG.rpId,
    logLevel: pick('log-level', 'FAKTOR_LOG_LEVEL') ?? DEFAULT_CONFIG.logLevel,
    ...(origin ? { origin } : {}),
  };
  return validateConfig(config);
}
