/**
 * `npm run server`: starts the reference Servicekonto on 127.0.0.1:8787 (flags: --port, --host,
 * --data-dir, --test-mode, --secure-cookies, --origin, --rp-id, --log-level). Refuses test mode on a
 * non-loopback host. Stops cleanly on SIGINT/SIGTERM.
 */
import { pathToFileURL } from 'node:url';
import { ConfigError, configFromArgs } from './config';
import { createServer } from './http/server';

export { createServer } from './http/server';
export type { CreateServerOptions, RunningServer } from './http/server';

async function main(): Promise<void> {
  let config;
  try {
    config = configFromArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`faktor server: ${e.message}`);
      process.exit(2);
    }
    throw e;
  }
  const server = await createServer(config);
  console.log(`Faktor Servicekonto listening on ${server.url}${config.testMode ? ' (TEST MODE: test clock, test eID, outboxes)' : ''}`);
  console.log(`OpenAPI: ${server.url}/openapi.json   data: ${config.dataDir}`);
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Run only when started as a program (npm run server), not when a test imports createServer.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
