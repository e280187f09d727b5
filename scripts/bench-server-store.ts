/**
 * The data `npm run bench:server` runs on: login accounts written straight into the store (setup,
 * not measured), on SQLite or on a fresh PostgreSQL database dropped at the end.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openStore } from '../server/store/db';
import { AccountRepo } from '../server/store/account-repo';
import { PasswordHasher } from '../server/app/passwords';
import { createAccount, makePolicy, newMeans } from '../server/domain';
import { newTotpSecret } from '../server/means/totp';

/** One seeded login: its name and TOTP seed (every account has the same password). */
export interface Account {
  username: string;
  secret: string;
}

/** Where the server keeps its data in this run. */
export interface Store {
  dataDir: string;
  database?: string;
}

/** Creates the login accounts directly in the store (one shared Argon2id hash: setup cost, not measured). */
export async function seed(store: Store, count: number, password: string): Promise<Account[]> {
  const db = openStore(store);
  const repo = new AccountRepo(db);
  const hasher = new PasswordHasher();
  const [pw, block] = await Promise.all([
    hasher.hash(password),
    hasher.hash('sperr-passwort-2024'),
  ]);
  const policy = makePolicy();
  const now = Date.now();
  const out: Account[] = [];
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const username = `bench-${i}`;
      const r = createAccount(
        {
          accountId: randomUUID(),
          username,
          passwordMeansId: randomUUID(),
          sessionId: randomUUID(),
          attributes: { familyName: 'Bench' },
          blockPasswordSet: true,
        },
        now,
        policy,
      );
      const totp = newMeans(randomUUID(), 'password+totp', 'substanziell', now, null, 'bench');
      repo.insert({ ...r.account, means: [...r.account.means, totp] }, pw, block);
      const secret = newTotpSecret();
      repo.putCredential(totp.id, { data: { secret }, lastStep: null });
      out.push({ username, secret });
    }
  })();
  db.close();
  return out;
}

/** A fresh database on the cluster for this run (dropped at the end). */
export async function freshDatabase(
  clusterUrl: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `faktor_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: clusterUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
