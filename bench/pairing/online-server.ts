/**
 * The server side of `npm run bench:pairing`: the reference Servicekonto in its own process (test
 * mode, 127.0.0.1 port 0, a throwaway SQLite file), so its memory is measured apart from the 1,000
 * simulated apps. Talks to the bench over the fork IPC channel: sends `{url}` once listening, answers
 * `mem` with its memory after a full GC and the number of open event streams.
 * `seed` stores accounts with an active desktop-app means directly through the repositories in one
 * transaction (what pairing + §4.2 confirmation leave behind; those are tested over HTTP elsewhere):
 * the benchmark measures the event stream, and pairing 1,000 apps over HTTP takes minutes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createServer } from '../../server/http/server';
import { createAccount, newMeans } from '../../server/domain';
import type { DesktopAppCredential } from '../../server/means/desktop-app';

/** One simulated app to store: its account name and the keys the app would have enrolled. */
export interface SeedRow {
  username: string;
  means: string;
  credential: DesktopAppCredential;
}

const dataDir = mkdtempSync(path.join(tmpdir(), 'faktor-bench-pairing-'));
// Every simulated browser comes from 127.0.0.1: lift the per-address share of held requests (one address stands for thousands of browsers here).
const server = await createServer({
  host: '127.0.0.1',
  port: 0,
  dataDir,
  testMode: true,
  logLevel: 'silent',
  argon2MemoryKiB: 1024,
  maxPushesPerAddress: 1_000_000,
});
const gc = (globalThis as { gc?: () => void }).gc;

const { ctx } = server.services;

async function seed(rows: SeedRow[]): Promise<void> {
  const hash = await ctx.hasher.hash('correct horse battery');
  const now = ctx.now();
  ctx.tx(() => {
    for (const r of rows) {
      const created = createAccount(
        {
          accountId: randomUUID(),
          username: r.username,
          passwordMeansId: randomUUID(),
          sessionId: randomUUID(),
          attributes: { familyName: 'Bench' },
          blockPasswordSet: true,
        },
        now,
        ctx.policy,
      );
      const app = newMeans(
        r.means,
        'desktop-app',
        'substanziell',
        now,
        null,
        r.credential.deviceName,
      );
      ctx.accounts.insert(
        { ...created.account, means: [...created.account.means, app] },
        hash,
        hash,
      );
      ctx.accounts.putCredential(r.means, { data: r.credential, lastStep: null });
    }
  });
}

process.on('message', (m) => {
  if (typeof m === 'object' && m !== null && 'seed' in m)
    void seed((m as { seed: SeedRow[] }).seed).then(() => process.send?.({ seeded: true }));
  if (m === 'mem') {
    for (let i = 0; i < 3; i++) gc?.();
    const u = process.memoryUsage();
    process.send?.({
      mem: {
        rss: u.rss,
        heapUsed: u.heapUsed,
        external: u.external,
        streams: server.services.approvals.hub.streamCount(),
        gc: gc !== undefined,
      },
    });
  }
  if (m === 'stop') {
    void server.close().then(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  }
});
process.send?.({ url: server.url, origin: server.services.desktopApp.origin() });
