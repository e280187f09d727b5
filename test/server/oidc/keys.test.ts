/**
 * Signing keys per install, rotation, and "no OIDC state in a node's memory": a code issued before a
 * restart is redeemed after it; after a rotation the new key signs, the old one still verifies what
 * it signed until its grace period ends, then leaves the JWKS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as oc from 'openid-client';
import { PASSWORD, newAccount, startTestServer, type TestServer } from '../http/client';
import { openTestStore } from '../store/test-store';
import { OidcRepo } from '../../../server/store/oidc-repo';
import { DEFAULT_KEY_POLICY, currentKeys, rotateSigningKey } from '../../../server/oidc/keys';
import { MiniBrowser } from './browser';
import { RP, REDIRECT_URI, authRequest, discover, loginOnPage, redeem } from './rp';
import { freePort } from '../../support/free-port';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const kidOf = (jwt: string): string =>
  (JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString()) as { kid: string }).kid;
const jwksKids = async (base: string): Promise<string[]> =>
  ((await (await fetch(`${base}/oidc/jwks`)).json()) as { keys: { kid: string }[] }).keys.map(
    (k) => k.kid,
  );

describe('keys and restarts', () => {
  it('redeems a code after a restart, signs with a rotated key, and still publishes the old one', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'faktor-oidc-keys-'));
    dirs.push(dataDir);
    const port = await freePort();
    const start = (): Promise<TestServer> =>
      startTestServer({ dataDir, port, originFromPort: '127.0.0.1', oidcClients: [RP] });
    let t = await start();
    const firstKids = await jwksKids(t.url);
    expect(firstKids).toHaveLength(1);
    const user = 'rita';
    await newAccount(t.url, user, {});
    let config = await discover(t.url);
    const req = await authRequest(config, 'openid');
    const browser = new MiniBrowser(REDIRECT_URI);
    const callback = (
      await loginOnPage(browser, await browser.go(req.url, { crossSite: true }), user, PASSWORD)
    ).url;

    // Restart between the code and its redemption: everything the provider needs is in SQLite.
    await t.server.close();
    t = await start();
    expect(await jwksKids(t.url)).toEqual(firstKids);
    const first = await redeem(config, req, callback);
    expect(kidOf(first.id_token as string)).toBe(firstKids[0]);

    // Rotate (test route), restart: the new key signs, the old one is still published.
    const rotated = (await (
      await fetch(`${t.url}/test/oidc/rotate-keys`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      })
    ).json()) as { kid: string };
    await t.server.close();
    t = await start();
    expect(await jwksKids(t.url)).toEqual([rotated.kid, firstKids[0]]);
    config = await discover(t.url);
    const req2 = await authRequest(config, 'openid');
    // The Servicekonto session lives in the database too: no new login after the restarts.
    const callback2 = (await browser.go(req2.url, { crossSite: true })).url;
    const second = await redeem(config, req2, callback2);
    expect(kidOf(second.id_token as string)).toBe(rotated.kid);
    // The ID token signed before the rotation still verifies against the published set (as an id_token_hint).
    const end = oc.buildEndSessionUrl(config, { id_token_hint: first.id_token as string });
    const hint = await fetch(end, { redirect: 'manual' });
    expect(hint.status).toBe(200);
    await t.stop();
  });

  it('creates the first key on a fresh install, rotates after the period and drops a replaced key after the grace period', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'faktor-oidc-keys-'));
    dirs.push(dataDir);
    const db = openTestStore(dataDir);
    try {
      const repo = new OidcRepo(db);
      const t0 = Date.UTC(2026, 0, 1);
      const [k1] = currentKeys(repo, t0);
      expect(k1?.jwk.kty).toBe('RSA');
      expect(currentKeys(repo, t0 + 1000).map((k) => k.kid)).toEqual([k1?.kid]);
      const later = t0 + DEFAULT_KEY_POLICY.rotateAfterMs;
      const keys = currentKeys(repo, later);
      expect(keys).toHaveLength(2);
      expect(keys[1]?.kid).toBe(k1?.kid);
      expect(keys[1]?.retiredAt).toBe(later);
      expect(currentKeys(repo, later + DEFAULT_KEY_POLICY.graceMs + 1).map((k) => k.kid)).toEqual([
        keys[0]?.kid,
      ]);
      // On demand: the new key goes first at once.
      const kid = rotateSigningKey(repo, later + DEFAULT_KEY_POLICY.graceMs + 2);
      expect(repo.keys()[0]?.kid).toBe(kid);
    } finally {
      db.close();
    }
  });
});
