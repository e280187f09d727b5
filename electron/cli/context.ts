import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { FaktorError, type ErrorCode } from '../../shared/errors';
import { systemClock, type Clock } from '../main/ports';
import { DEFAULT_KDF, type KdfCost } from '../main/services/crypto';
import { acquireDataDirLock, type DataDirLock } from '../main/services/data-dir-lock';
import { createOsKeychain } from '../main/services/keychain';
import { createQrDecoder } from '../main/services/qr-decoder';
import {
  createServicekontoService,
  type ServicekontoService,
} from '../main/services/servicekonto/servicekonto-service';
import { createVault, type Vault } from '../main/services/vault';
import { UsageError } from './command';

/**
 * What a CLI command works with: the SAME services as the app (vault file format, OS keychain, QR
 * decoder, parsers), opened on the chosen data directory under the data-dir lock. Built once per run.
 */

/** How the CLI was configured by its global options. */
export interface CliSettings {
  readonly dataDir: string;
  readonly json: boolean;
  readonly keychainService: string;
  readonly passwordFile: string | undefined;
}

/** Where output goes (the process streams, or buffers in tests). */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
}

/** The services and helpers a command uses. */
export interface CliContext {
  readonly settings: CliSettings;
  readonly clock: Clock;
  readonly kdf: KdfCost;
  /** Prints one result: `data` as one JSON line with --json, else `text`. */
  print(data: Record<string, unknown>, text: string): void;
  /** Tells the user what to do now (e.g. "touch your key"), on stderr so --json output stays one object per line. */
  note(text: string): void;
  /** The vault, open and unlocked (takes the data-dir lock on first use). */
  vault(): Promise<Vault>;
  /** The Servicekonto device service on that vault (the app's own). */
  servicekonto(): Promise<ServicekontoService>;
  /** A PIN or password from a file (first line, trimmed). */
  readPin(file: string): Promise<string>;
  /** A payload argument: the text itself, or every QR payload the image file at that path holds. */
  readPayloads(arg: string): Promise<string[]>;
  /** Lines typed on stdin, as they arrive. */
  stdinLines(): AsyncIterable<string>;
  /** Runs `fn` when the command ends (also on Ctrl-C). */
  onClose(fn: () => void | Promise<void>): void;
}

/** Looks like a scanned payload rather than a file name. */
const PAYLOAD_TEXT = /^\s*(faktor-(pair|login)|otpauth(-migration)?):/i;

/** Builds the context; `close()` releases everything it opened. */
export function createCliContext(
  settings: CliSettings,
  io: CliIo,
): CliContext & { close(): Promise<void> } {
  let lock: DataDirLock | null = null;
  let vault: Vault | null = null;
  const closers: Array<() => void | Promise<void>> = [];
  const clock = systemClock;

  const openVault = async (): Promise<Vault> => {
    if (vault) return vault;
    lock = await acquireDataDirLock(settings.dataDir);
    const v = createVault({
      dir: settings.dataDir,
      keychain: createOsKeychain(settings.keychainService),
      clock,
      kdf: DEFAULT_KDF,
    });
    const status = await v.open();
    if (status.state === 'error')
      throw new FaktorError((status.error as ErrorCode | null) ?? 'vault-corrupt'); // the vault sets only ErrorCodes
    if (status.state === 'locked' && status.hasPassword) {
      if (!settings.passwordFile) throw new FaktorError('vault-locked', 'pass --password-file');
      await v.unlock(await firstLine(settings.passwordFile));
    }
    vault = v;
    return v;
  };

  return {
    settings,
    clock,
    kdf: DEFAULT_KDF,
    print(data, text) {
      io.stdout.write(settings.json ? `${JSON.stringify(data)}\n` : `${text}\n`);
    },
    note(text) {
      io.stderr.write(`${text}\n`);
    },
    vault: openVault,
    servicekonto: async () =>
      createServicekontoService({ vault: await openVault(), kdf: DEFAULT_KDF, clock }),
    readPin: firstLine,
    async readPayloads(arg) {
      if (PAYLOAD_TEXT.test(arg) || !existsSync(arg)) return [arg];
      const decoder = createQrDecoder();
      try {
        const hits = await decoder.decodeImage(new Uint8Array(await readFile(arg)));
        if (hits.length === 0) throw new FaktorError('no-qr-found');
        return hits.map((h) => h.text);
      } finally {
        await decoder.close();
      }
    },
    stdinLines() {
      const rl = createInterface({ input: io.stdin, crlfDelay: Infinity });
      // Closed with the context: an open stdin pipe would otherwise keep `listen --count N` running after its last answer.
      closers.push(() => rl.close());
      return rl;
    },
    onClose(fn) {
      closers.push(fn);
    },
    async close() {
      for (const fn of closers.splice(0).reverse()) await fn();
      await lock?.release();
      lock = null;
    },
  };
}

async function firstLine(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read ${file}`);
  }
  return (text.split(/\r?\n/)[0] ?? '').trim();
}
