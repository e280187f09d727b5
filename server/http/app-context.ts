/**
 * The application context a server's services run on, wired to the fastify instance whose listening
 * port the WebAuthn origins follow.
 */
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from '../config';
import type { Db } from '../store/db';
import { AppContext, type Clock } from '../app';
import { ARGON2_PARAMS } from '../app/passwords';
import { DEFAULT_CREATION_LIMIT } from '../app/creation-throttle';
import type { Policy } from '../domain';
import { parseDataKeys } from '../store/credential-cipher';

/**
 * The application context: store, clock, policy, the WebAuthn relying party and the options of the
 * services. Origins for WebAuthn: the configured one, else http://<originFromPort>:<port> and
 * http://<rpId>:<port> (an IP is never an RP id), read when asked, since port 0 is known only once listening.
 */
export function createAppContext(
  app: FastifyInstance,
  config: ServerConfig,
  db: Db,
  clock: Clock,
  policy: Policy,
  originFromPort: string,
): AppContext {
  const origins = (): string[] => {
    const port = (app.server.address() as { port?: number } | null)?.port ?? config.port;
    return config.origin
      ? [config.origin]
      : [`http://${originFromPort}:${port}`, `http://${config.rpId}:${port}`];
  };
  const rp = {
    rpId: config.rpId,
    rpName: 'Faktor Servicekonto',
    get origins(): string[] {
      return [...new Set(origins())];
    },
  };
  return new AppContext(db, clock, policy, rp, {
    testMode: config.testMode,
    issuer: 'Faktor Servicekonto',
    get origin(): string {
      return config.origin ?? origins()[0] ?? '';
    },
    argon2: { ...ARGON2_PARAMS, memoryCost: config.argon2MemoryKiB },
    creationLimit: { ...DEFAULT_CREATION_LIMIT, max: config.maxAccountCreations },
    maxPushesPerAddress: config.maxPushesPerAddress,
    ...(config.dataKeys !== undefined ? { dataKeys: parseDataKeys(config.dataKeys) } : {}),
  });
}
