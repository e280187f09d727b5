/**
 * `npm run server`: starts the reference Servicekonto on 127.0.0.1:8787 (flags: --port, --host,
 * --data-dir, --test-mode, --secure-cookies, --origin, --rp-id, --log-level; --help lists them).
 * Prints one banner line with the URL (plus a warning line in test mode). Refuses test mode on a
 * non-loopback host and unknown flags (exit code 2). Stops cleanly on SIGINT/SIGTERM.
 */
import { pathToFileURL } from 'node:url';
import { ConfigError, redactedDatabaseUrl, startupBanner, validateConfig } from './config';
import { rawConfigFromArgs } from './config-flags';
import { HELP_TEXT, wantsHelp } from './config-help';
import { loadOrCreateDataKeyFile } from './data-key-file';
import { createServer } from './http/server';

export { createServer } from './http/server';
export type { CreateServerOptions, RunningServer } from './http/server';

async function main(): Promise<void> {
  if (wantsHelp(process.argv.slice(2))) {
    process.stdout.write(HELP_TEXT);
    return;
  }
  let config;
  let keyFileNote: string | null = null;
  try {
    config = rawConfigFromArgs(process.argv.slice(2));
    if (config.dataKeys === undefined && !config.testMode && config.database !== undefined) {
      // A key file is per machine: nodes sharing a database would each seal credentials under their own key.
      throw new ConfigError(
        'with --database / FAKTOR_DATABASE_URL every node needs the same data key: set FAKTOR_DATA_KEYS (docs/deploy.md)',
      );
    }
    if (config.dataKeys === undefined && !config.testMode) {
      const file = loadOrCreateDataKeyFile(config.dataDir);
      config = { ...config, dataKeys: file.keys };
      keyFileNote =
        `note: FAKTOR_DATA_KEYS is not set, so the key that encrypts stored credentials is kept in ${file.path}${file.created ? ' (new)' : ''}; ` +
        'a copy of the data directory then opens them — set FAKTOR_DATA_KEYS for real use (docs/servicekonto.md, Keys).';
    }
    config = validateConfig(config);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof Error) {
      console.error(`faktor server: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  let server;
  try {
    server = await createServer(config);
  } catch (e) {
    // The store is the one thing a correct configuration can still fail on at start: say which and why.
    const where = config.database
      ? `the database ${redactedDatabaseUrl(config.database)}`
      : `the data directory ${config.dataDir}`;
    console.error(`faktor server: cannot open ${where}: ${(e as Error).message}`);
    process.exit(1);
  }
  const [banner, ...warnings] = startupBanner(config, server.url, server.origin);
  console.log(banner);
  for (const w of warnings) console.warn(w);
  if (keyFileNote !== null) console.warn(keyFileNote);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Run only when started as a program (npm run server), not when a test imports createServer.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
