/** What scripts/bench-ui.ts and scripts/profile-ui.ts share: the seeded vault of bench accounts. */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { encodeBase32 } from '../shared/otp/base32';
import type { ScriptedDialogs } from '../test/support/doubles';
import { startHarness } from '../test/harness/harness';

/** Bench accounts use a 15 s period so every 16 s sampling window holds exactly one refresh boundary. */
export const PERIOD_S = 15;

/** Writes `count` random TOTP otpauth:// lines (period PERIOD_S) to `<dir>/seed.txt` for a plain-text import. */
export async function seedFile(dir: string, count: number): Promise<string> {
  const issuers = [
    'Servicekonto',
    'ELSTER',
    'GitHub',
    'Nextcloud',
    'Mailbox',
    'Bank',
    'Cloud',
    'VPN',
  ];
  const lines = Array.from({ length: count }, (_, i) => {
    const issuer = `${issuers[i % issuers.length]} ${Math.floor(i / issuers.length) + 1}`;
    return `otpauth://totp/${encodeURIComponent(issuer)}:user${i}%40example.org?secret=${encodeBase32(randomBytes(20))}&issuer=${encodeURIComponent(issuer)}&period=${PERIOD_S}`;
  });
  const file = join(dir, 'seed.txt');
  await writeFile(file, lines.join('\n') + '\n');
  return file;
}

/** A throwaway app-data folder and keychain service holding the bench accounts. */
export interface BenchVault {
  readonly work: string;
  readonly dataDir: string;
  readonly keychainService: string;
}

/**
 * Imports `count` bench accounts through the real api in one harness run (one all-or-nothing import),
 * so that every later start on this vault is an app "restart".
 */
export async function createBenchVault(
  browser: Browser,
  tag: string,
  count: number,
): Promise<BenchVault> {
  const work = await mkdtemp(join(tmpdir(), `faktor-${tag}-`));
  const vault = {
    work,
    dataDir: join(work, 'app-data'),
    keychainService: `faktor-${tag}-${randomBytes(6).toString('hex')}`,
  };
  const seed = await seedFile(work, count);
  await mkdir(vault.dataDir);
  const context = await browser.newContext();
  const seeding = await startHarness(await context.newPage(), {
    pinnedTime: null,
    dataDir: vault.dataDir,
    keychainService: vault.keychainService,
    beforeLoad: async (api, ports) => {
      (ports.dialogs as ScriptedDialogs).nextOpen(seed);
      const r = await api['backup-import']({ password: null });
      if (r.imported !== count) throw new Error(`seeded ${r.imported}`);
    },
  });
  await seeding.close();
  await context.close();
  return vault;
}

/** Removes the vault's keychain item and its folder. */
export async function removeBenchVault(vault: BenchVault): Promise<void> {
  const { createOsKeychain } = await import('../electron/main/services/keychain');
  const { KEY_ACCOUNT } = await import('../electron/main/services/vault-lock');
  await createOsKeychain(vault.keychainService)
    .delete(KEY_ACCOUNT)
    .catch(() => false);
  await rm(vault.work, { recursive: true, force: true });
}
