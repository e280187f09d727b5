/**
 * The oidc-provider adapter on a real SQLite file: upsert/find, lookups by uid and user code, expiry,
 * consume (single use), revoke by grant; and §7: erasing the account removes its tokens, grants,
 * consents, releases and session links in the same cascade.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../server/store/db';
import { openTestStore } from './test-store';
import { sqliteAdapter } from '../../../server/store/oidc-adapter';
import { OidcRepo } from '../../../server/store/oidc-repo';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'faktor-oidc-store-'));
  db = openTestStore(dir);
  db.prepare(
    "INSERT INTO accounts (id, username, password_hash, created_at) VALUES ('acc-1', 'anna', 'x', 0)",
  ).run();
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('oidc adapter', () => {
  it('stores, finds, expires, consumes and revokes', async () => {
    let now = 1_000_000;
    const Adapter = sqliteAdapter(db, () => now);
    const codes = new Adapter('AuthorizationCode');
    await codes.upsert('c1', { accountId: 'acc-1', grantId: 'g1', uid: 'u1' }, 60);
    expect(await codes.find('c1')).toMatchObject({ accountId: 'acc-1', grantId: 'g1' });
    expect(await codes.findByUid('u1')).toMatchObject({ grantId: 'g1' });
    expect(await new Adapter('AccessToken').find('c1')).toBeUndefined(); // per model
    await codes.consume('c1');
    expect((await codes.find('c1'))?.consumed).toBe(1000);
    now += 61_000;
    expect(await codes.find('c1')).toBeUndefined();
    const tokens = new Adapter('AccessToken');
    await tokens.upsert('t1', { accountId: 'acc-1', grantId: 'g2' }, 600);
    await tokens.upsert('t2', { accountId: 'acc-1', grantId: 'g3' }, 600);
    await tokens.revokeByGrantId('g2');
    expect(await tokens.find('t1')).toBeUndefined();
    expect(await tokens.find('t2')).toBeDefined();
    await tokens.destroy('t2');
    expect(await tokens.find('t2')).toBeUndefined();
    const device = new Adapter('DeviceCode');
    await device.upsert('d1', { userCode: 'ABCD-EFGH' }, 0);
    expect(await device.findByUserCode('ABCD-EFGH')).toMatchObject({ userCode: 'ABCD-EFGH' });
  });

  it('§7: erasing the account takes its OIDC rows along', async () => {
    const Adapter = sqliteAdapter(db);
    await new Adapter('Grant').upsert('g1', { accountId: 'acc-1', clientId: 'svc' }, 600);
    await new Adapter('AccessToken').upsert('t1', { accountId: 'acc-1', grantId: 'g1' }, 600);
    const repo = new OidcRepo(db);
    repo.grantConsent('acc-1', 'svc', ['familyName'], 1);
    repo.saveRelease(
      'g1',
      'acc-1',
      's1',
      { released: [{ attribute: 'familyName', value: 'Muster' }] },
      Date.now() + 60_000,
    );
    repo.linkSession(
      {
        sessionId: 's1',
        clientId: 'svc',
        accountId: 'acc-1',
        grantId: 'g1',
        sid: 'sid',
        providerSessionUid: 'pu',
      },
      1,
    );
    db.prepare("DELETE FROM accounts WHERE id = 'acc-1'").run();
    for (const table of ['oidc_store', 'oidc_consents', 'oidc_releases', 'oidc_session_clients']) {
      expect((db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n).toBe(0);
    }
  });
});
