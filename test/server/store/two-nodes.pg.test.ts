/**
 * Several server nodes on one PostgreSQL (issue #13), run by `npm run test:server:pg` against the
 * throwaway cluster of scripts/with-test-postgres.sh:
 * - a login on node A reaches the desktop app whose event stream is open on node B (LISTEN/NOTIFY); the
 *   app answers on B; the browser's poll on A gets the session, once, and the cookie works on B;
 * - what used to live in one process is shared: a device header replayed to the other node is refused,
 *   the per-account limit of unanswered requests counts both nodes;
 * - kill -9 of one node under concurrent writes to both loses no acknowledged account, and the other
 *   node serves them (commits are durable in PostgreSQL before the 201 leaves).
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, PASSWORD, serverNow, startTestServer, type TestServer } from '../http/client';
import { pairedAccount } from '../http/desktop-app-peer';
import { parseApprovalRequest } from '../../../shared/servicekonto/approval';
import { TEST_DATABASE_URL } from './test-store';
import { killAll, startServerProcess, type ServerProcess } from '../../../scripts/server-process';

const DATABASE_URL = TEST_DATABASE_URL as string;
if (!DATABASE_URL)
  throw new Error('two-nodes.pg.test.ts needs FAKTOR_TEST_DATABASE_URL (npm run test:server:pg)');

describe('two nodes sharing one database', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'faktor-two-nodes-'));
  // One public origin for both nodes, as behind the TLS proxy of docs/deploy.md: the app signs it.
  const origin = 'http://localhost:8787';
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    [a, b] = await Promise.all([
      startTestServer({ dataDir, origin }),
      startTestServer({ dataDir, origin }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a login on node A is approved by the app connected to node B; the session is issued once and valid on both', async () => {
    const username = 'two-nodes-1';
    const { peer } = await pairedAccount(a.url, username);
    const browser = new Client(a.url);
    let push: { tx: string; number: number } | undefined;
    const request = await peer.nextApproval(b.url, await serverNow(b.url), async () => {
      const r = await browser.post<{ tx: string; number: number }>('/api/login/desktop-app/push', {
        username,
      });
      expect(r.status).toBe(201);
      push = r.body;
    });
    expect(parseApprovalRequest(request).tx).toBe(push!.tx);
    const ans = await peer.signedPost(
      b.url,
      `/api/device/approvals/${push!.tx}`,
      peer.answerBody(request, push!.number, 'approve'),
      await serverNow(b.url),
    );
    expect(ans).toEqual({ status: 200, body: { state: 'approved' } });
    const st = await browser.post<{ state: string; session: { level: string } }>(
      '/api/login/desktop-app/push/status',
      { tx: push!.tx },
    );
    expect(st.body).toMatchObject({ state: 'approved', session: { level: 'substanziell' } });
    // Used up on every node.
    expect(
      (await new Client(b.url).post('/api/login/desktop-app/push/status', { tx: push!.tx })).body,
    ).toEqual({ state: 'expired' });
    const onB = new Client(b.url);
    onB.cookie = browser.cookie;
    expect((await onB.get('/api/account')).status).toBe(200);
  });

  it('a device header accepted by one node is refused by the other (nonces are shared)', async () => {
    const { peer } = await pairedAccount(a.url, 'two-nodes-2');
    const first = await peer.signed(a.url, 'GET', '/api/device/account', await serverNow(a.url));
    expect(first.status).toBe(200);
    expect(
      (await peer.signed(b.url, 'GET', '/api/device/account', await serverNow(b.url), first.header))
        .status,
    ).toBe(401);
  });

  it('the limit of 3 unanswered requests per account counts the requests of both nodes', async () => {
    const username = 'two-nodes-3';
    await pairedAccount(a.url, username);
    for (const node of [a, b, a])
      expect(
        (await new Client(node.url).post('/api/login/desktop-app/push', { username })).status,
      ).toBe(201);
    expect((await new Client(b.url).post('/api/login/desktop-app/push', { username })).status).toBe(
      429,
    );
  });
});

describe('kill -9 of one node under load', () => {
  const children: ChildProcess[] = [];
  const database = `faktor_crash_${process.pid}`;
  const url = new URL(DATABASE_URL);
  url.pathname = `/${database}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
  });
  afterAll(async () => {
    killAll(children);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  });

  /** Starts a node on the shared database (both nodes migrate at once: the advisory lock serialises them). */
  async function startNode(): Promise<ServerProcess> {
    const started = await startServerProcess({
      args: ['--port', '0', '--log-level', 'warn', '--max-account-creations', '100000'],
      env: {
        FAKTOR_DATABASE_URL: url.toString(),
        FAKTOR_DATA_KEYS: `t1:${Buffer.alloc(32, 7).toString('base64')}`,
      },
      timeoutMs: 110_000,
    });
    children.push(started.child);
    return started;
  }

  it('loses no acknowledged write, and the surviving node serves every account', async () => {
    const [victim, survivor] = await Promise.all([startNode(), startNode()]);
    const acknowledged: string[] = [];
    let stop = false;
    let sentToVictim = 0;
    let ackedByVictim = 0;
    let killed = false;
    const worker = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const node = i % 2 === 0 ? victim : survivor;
        const username = `crash-${w}-${i}`;
        if (node === victim) sentToVictim++;
        try {
          const r = await fetch(`${node.url}/api/accounts`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              username,
              password: PASSWORD,
              blockPassword: 'sperr-passwort-2024',
              attributes: { note: `w${w} i${i}` },
            }),
          });
          if (r.status !== 201) throw new Error(`unexpected ${r.status}`);
          acknowledged.push(username);
          if (node === victim) ackedByVictim++;
        } catch (e) {
          if (node === victim && killed) continue; // in flight when it died, or sent after: not acknowledged
          if (!stop) throw e;
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    while (ackedByVictim < 20) await new Promise((r) => setTimeout(r, 20));
    killed = true;
    victim.child.kill('SIGKILL');
    const atKill = acknowledged.length;
    // The survivor keeps taking writes after the other node died.
    while (acknowledged.length < atKill + 20) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await Promise.all(workers);
    expect(sentToVictim).toBeGreaterThan(ackedByVictim);
    console.info(
      `two-node crash: ${acknowledged.length} acknowledged (${ackedByVictim} by the killed node)`,
    );

    const check = new pg.Client({ connectionString: url.toString() });
    await check.connect();
    try {
      const stored = new Set(
        (await check.query<{ username: string }>('SELECT username FROM accounts')).rows.map(
          (r) => r.username,
        ),
      );
      expect(acknowledged.filter((u) => !stored.has(u))).toEqual([]);
      const partial = await check.query<{ n: string }>(
        "SELECT count(*) AS n FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM means m WHERE m.account_id = a.id AND m.kind = 'password') OR NOT EXISTS (SELECT 1 FROM attributes t WHERE t.account_id = a.id)",
      );
      expect(Number(partial.rows[0]?.n)).toBe(0);
    } finally {
      await check.end();
    }
    for (const username of acknowledged.slice(0, 3)) {
      const r = await fetch(`${survivor.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: PASSWORD }),
      });
      expect(r.status).toBe(200);
    }
    survivor.child.kill('SIGTERM');
  }, 240_000);
});
