/**
 * Command-line flags and environment variables → ServerConfig: which flags exist (an unknown one is
 * refused, a typo must not be ignored), their values with environment fallbacks, and the defaults.
 */
import path from 'node:path';
import {
  ConfigError,
  DEFAULT_CONFIG,
  redactedDatabaseUrl,
  validateConfig,
  type ServerConfig,
} from './config';

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
    throw new ConfigError(
      '--database: the URL holds a password, which every user can read in the process list; use FAKTOR_DATABASE_URL or PGPASSWORD',
    );
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
