import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { runCli } from '../../../electron/cli/run-cli';
import { createOsKeychain } from '../../../electron/main/services/keychain';
import { KEY_ACCOUNT } from '../../../electron/main/services/vault-lock';

/**
 * Runs the real tester CLI as testers do (`node --import tsx electron/cli/faktor.ts …`) against a temp
 * data dir and a throwaway keychain service inside scripts/with-test-keyring.sh's keyring.
 */

/** One CLI run's outcome. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as one JSON object per line (with --json). */
  readonly lines: Array<Record<string, unknown>>;
}

/** Runs runCli in this process (no tsx boot per run): the same code as the binary, streams buffered. */
export async function runInProcess(argv: readonly string[]): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await runCli(argv, { stdout, stderr, stdin: new PassThrough() });
  return {
    code,
    stdout: out,
    stderr: err,
    lines: out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

/** A CLI process with stdin open. */
export interface InteractiveCli {
  readonly child: ChildProcessWithoutNullStreams;
  /** Resolves with the exit code and all output once the process ends. */
  readonly done: Promise<CliRun>;
  /** Resolves with the first JSON line that matches (polling stdout); rejects if the process ends first. */
  waitFor(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

/** A temp data dir + keychain service + PIN files, and a runner bound to them. */
export function cliSandbox() {
  const dir = mkdtempSync(join(tmpdir(), 'faktor-cli-'));
  const service = `faktor-cli-test-${randomBytes(6).toString('hex')}`;
  const file = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const dataDir = join(dir, 'data');
  return {
    dir,
    dataDir,
    service,
    file,
    /** Runs `faktor <args> --data-dir … --keychain-service …`; `stdin` is written, then closed. */
    run(args: readonly string[], stdin = ''): Promise<CliRun> {
      const p = this.start(args);
      p.child.stdin.end(stdin);
      return p.done;
    },
    /** Starts the CLI with stdin left open (a script answering as it goes, e.g. `listen`). */
    start(args: readonly string[]): InteractiveCli {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'electron/cli/faktor.ts',
          ...args,
          '--data-dir',
          dataDir,
          '--keychain-service',
          service,
        ],
        {
          stdio: ['pipe', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      // Complete lines only (the last piece may still be arriving).
      const lines = (): Array<Record<string, unknown>> =>
        stdout
          .split('\n')
          .slice(0, -1)
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, unknown>);
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const done = new Promise<CliRun>((resolve) =>
        child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, lines: lines() })),
      );
      return {
        child,
        done,
        async waitFor(match) {
          for (;;) {
            const hit = lines().find(match);
            if (hit) return hit;
            if (child.exitCode !== null)
              throw new Error(`CLI ended before the expected line: ${stdout}${stderr}`);
            await new Promise((r) => setTimeout(r, 50));
          }
        },
      };
    },
    async cleanup(): Promise<void> {
      await createOsKeychain(service)
        .delete(KEY_ACCOUNT)
        .catch(() => false);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
