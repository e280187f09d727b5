/**
 * Crash safety: the server runs as a child process; concurrent account creations are fired at it and
 * every 201 (acknowledged write) is recorded; the process is killed with SIGKILL while requests are
 * still in flight; a new server on the same data directory must find an intact database
 * (PRAGMA integrity_check = ok) holding every acknowledged account, and they can log in.
 * This is what WAL + synchronous=FULL promise: a commit has reached the disk before the answer leaves.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { DB_FILE } from '../../server/store/db';
import { killAll, startServerProcess, type ServerProcess } from '../../scripts/server-process';

const dataDir = mkdtempSync(path.join(tmpdir(), 'faktor-crash-'));
const children: ChildProcess[] = [];
afterAll(() => {
  killAll(children);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Starts the server on the test's data directory, tracked for the clean-up. */
async function startChild(): Promise<ServerProcess> {
  const started = await startServerProcess({
    args: [
      '--port',
      '0',
      '--data-dir',
      dataDir,
      '--log-level',
      'warn',
      '--max-account-creations',
      '100000',
    ],
    env: { FAKTOR_DATA_KEYS: `t1:${Buffer.alloc(32, 7).toString('base64')}` },
  });
  children.push(started.child);
  return started;
}

it('keeps every acknowledged write across kill -9', async () => {
  const first = await startChild();
  const acknowledged: string[] = [];
  let stop = false;
  let sent = 0;
  const worker = async (w: number): Promise<void> => {
    for (let i = 0; !stop; i++) {
      const username = `crash-${w}-${i}`;
      sent++;
      try {
        const r = await fetch(`${first.url}/api/accounts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            username,
            password: 'correct horse battery',
            blockPassword: 'sperr-passwort-2024',
            attributes: { note: `w${w} i${i}` },
          }),
        });
        if (r.status === 201) acknowledged.push(username);
        else if (!stop) throw new Error(`unexpected ${r.status}`);
      } catch (e) {
        if (!stop) throw e;
        return; // connection reset by the kill: not acknowledged
      }
    }
  };
  const workers = Array.from({ length: 8 }, (_, w) => worker(w));
  // Let writes flow, then kill mid-stream (requests are in flight: 8 workers never pause).
  while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
  stop = true;
  first.child.kill('SIGKILL');
  await Promise.allSettled(workers);
  expect(sent).toBeGreaterThan(acknowledged.length); // some were in flight when the process died
  console.info(
    `crash test: ${sent} creations sent, ${acknowledged.length} acknowledged before SIGKILL`,
  );

  // Restart on the same data directory.
  const second = await startChild();
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    expect(rows.map((r) => r.integrity_check)).toEqual(['ok']);
    const stored = new Set(
      (db.prepare('SELECT username FROM accounts').all() as { username: string }[]).map(
        (r) => r.username,
      ),
    );
    const missing = acknowledged.filter((u) => !stored.has(u));
    expect(missing).toEqual([]);
    // Each stored account is whole: password means and attribute written in the same transaction.
    const partial = db
      .prepare(
        "SELECT count(*) AS n FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM means m WHERE m.account_id = a.id AND m.kind = 'password') OR NOT EXISTS (SELECT 1 FROM attributes t WHERE t.account_id = a.id)",
      )
      .get() as { n: number };
    expect(partial.n).toBe(0);
  } finally {
    db.close();
  }
  // And the restarted server serves them.
  for (const username of acknowledged.slice(-3)) {
    const r = await fetch(`${second.url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'correct horse battery' }),
    });
    expect(r.status).toBe(200);
  }
  second.child.kill('SIGTERM');
}, 120_000);
