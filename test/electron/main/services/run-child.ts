import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Path of the vault child script (see fixtures/vault-child.ts). */
export const CHILD = fileURLToPath(new URL('./fixtures/vault-child.ts', import.meta.url));
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * Runs the vault child under tsx. With `killAtHook`, SIGKILLs it the moment it prints HOOK (a real
 * crash at that step). Resolves with its stdout lines and whether it was killed.
 */
export function runChild(
  args: string[],
  opts: { killAtHook?: boolean; env?: NodeJS.ProcessEnv; wrap?: string[] } = {},
): Promise<{ lines: string[]; killed: boolean; stderr: string }> {
  const base = [process.execPath, '--import', 'tsx', CHILD, ...args];
  const argv = opts.wrap ? [...opts.wrap, ...base] : base;
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: REPO,
      env: opts.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (opts.killAtHook && !killed && out.includes('HOOK\n')) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', () =>
      resolve({ lines: out.split('\n').filter(Boolean), killed, stderr: err }),
    );
  });
}
