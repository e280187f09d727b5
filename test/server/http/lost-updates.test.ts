/**
 * Issue #7 item 3 over HTTP: a means registration awaits slow work (QR code, WebAuthn options); a
 * write that commits to the same account meanwhile must survive — a §4.4 block, an attribute, another
 * registration. Several registrations are sent at once so the other write lands while they await.
 */
import { describe, expect, it } from 'vitest';
import { newAccount, type Client } from './client';
import { useTestServer, uniqueNamer } from './use-test-server';

const t = useTestServer();
const uniq = uniqueNamer();

interface Overview {
  means: { id: string; kind: string; status: string }[];
  attributes: { name: string; value: string }[];
  maxLevel: string | null;
}

/** Starts `count` TOTP registrations without waiting (they reach their await before the next request). */
function registrations(
  c: Client,
  count: number,
): Promise<{ status: number; body: { meansId: string } }>[] {
  return Array.from({ length: count }, () =>
    c.post<{ meansId: string }>('/api/means', { kind: 'password+totp' }),
  );
}

describe('no lost update between a registration and another write (issue #7 item 3)', () => {
  it('block vs register: a §4.4 block acknowledged while registrations are in flight stays', async () => {
    const c = await newAccount(t.url, uniq('block'));
    const first = await c.post<{ meansId: string }>('/api/means', { kind: 'password+totp' });
    const inFlight = registrations(c, 6);
    const block = await c.post(`/api/means/${first.body.meansId}/block`);
    expect(block.status).toBe(204);
    for (const r of await Promise.all(inFlight)) expect(r.status).toBe(201);
    const o = await c.get<Overview>('/api/account');
    expect(o.body.means.find((m) => m.id === first.body.meansId)?.status).toBe('blocked');
  });

  it('attribute vs register: an attribute acknowledged while registrations are in flight stays', async () => {
    const c = await newAccount(t.url, uniq('attr'));
    const inFlight = registrations(c, 6);
    expect(
      (await c.req('PUT', '/api/account/attributes/email', { value: 'kept@example.org' })).status,
    ).toBe(204);
    for (const r of await Promise.all(inFlight)) expect(r.status).toBe(201);
    const o = await c.get<Overview>('/api/account');
    expect(o.body.attributes.find((a) => a.name === 'email')?.value).toBe('kept@example.org');
  });

  it('two registrations: every registration that got 201 is in the account', async () => {
    const c = await newAccount(t.url, uniq('two'));
    const done = await Promise.all(registrations(c, 8));
    for (const r of done) expect(r.status).toBe(201);
    const o = await c.get<Overview>('/api/account');
    const pending = o.body.means
      .filter((m) => m.kind === 'password+totp')
      .map((m) => m.id)
      .sort();
    expect(pending).toEqual(done.map((r) => r.body.meansId).sort());
  });
});
