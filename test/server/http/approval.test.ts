/**
 * Online approval with number matching over real HTTP (issue #9): the login reaches the app's event
 * stream; the app answers with the signed {transaction, challenge, number, decision}; a wrong number or
 * a wrong key (wrong PIN) counts toward the 3-failure block; deny-and-block blocks the means; requests
 * expire after 2 minutes; at most 3 unanswered per account; long-poll fallback.
 */
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it, vi } from 'vitest';
import { Client, PASSWORD, advance, newAccount, serverNow } from './client';
import { useTestServer } from './use-test-server';
import { pairedAccount, type DesktopPeer } from './desktop-app-peer';
import { parseApprovalRequest } from '../../../shared/servicekonto/approval';

const t = useTestServer();
let n = 0;

async function paired(): Promise<{ username: string; c: Client; peer: DesktopPeer }> {
  const username = `push${++n}`;
  return { username, ...(await pairedAccount(t.url, username)) };
}

type Push = { tx: string; number: number; expiresAt: number };

/** The app's answer: POST /api/device/approvals/{tx}, signed. */
async function answer(
  peer: DesktopPeer,
  body: Record<string, unknown>,
  nowMs: number,
): Promise<{ status: number; body: unknown }> {
  return peer.signedPost(t.url, `/api/device/approvals/${String(body.tx)}`, body, nowMs);
}

/** Browser asks for a push while the app listens; returns the browser's answer and the event data. */
async function pushAndReceive(
  username: string,
  peer: DesktopPeer,
): Promise<{ browser: Client; push: Push; request: string }> {
  const browser = new Client(t.url);
  let push: Push | undefined;
  const request = await peer.nextApproval(t.url, await serverNow(t.url), async () => {
    const r = await browser.post<Push>('/api/login/desktop-app/push', { username });
    expect(r.status).toBe(201);
    push = r.body;
  });
  return { browser, push: push!, request };
}

describe('online approval', () => {
  it('delivers the request to the stream with three numbers; the right number + signature logs the browser in once', async () => {
    const { username, peer } = await paired();
    const { browser, push, request } = await pushAndReceive(username, peer);
    const r = parseApprovalRequest(request);
    expect(r).toMatchObject({
      tx: push.tx,
      accountName: username,
      means: peer.enrolled!.means,
      purpose: 'login',
      level: 'substanziell',
    });
    expect(r.numbers).toContain(push.number);
    expect(r.exp - r.created).toBeLessThanOrEqual(120);
    expect(
      (await browser.post('/api/login/desktop-app/push/status', { tx: push.tx })).body,
    ).toEqual({ state: 'pending' });
    const ans = await answer(
      peer,
      peer.answerBody(request, push.number, 'approve'),
      await serverNow(t.url),
    );
    expect(ans).toEqual({ status: 200, body: { state: 'approved' } });
    const st = await browser.post<{ state: string; session: { level: string } }>(
      '/api/login/desktop-app/push/status',
      { tx: push.tx },
    );
    expect(st.body.state).toBe('approved');
    expect(st.body.session.level).toBe('substanziell');
    expect((await browser.get('/api/account')).status).toBe(200);
    expect(
      (await new Client(t.url).post('/api/login/desktop-app/push/status', { tx: push.tx })).body,
    ).toEqual({ state: 'expired' });
  });

  it('an account deleted between the approval and the status poll reads as expired (not a 500)', async () => {
    const { username, c, peer } = await paired();
    const { browser, push, request } = await pushAndReceive(username, peer);
    expect(
      (await answer(peer, peer.answerBody(request, push.number, 'approve'), await serverNow(t.url)))
        .status,
    ).toBe(200);
    expect((await c.post('/api/account/delete', { mode: 'immediate' })).status).toBe(200);
    expect(t.server.services.ctx.accounts.byUsername(username)).toBeUndefined();
    const st = await browser.post('/api/login/desktop-app/push/status', { tx: push.tx });
    expect(st).toMatchObject({ status: 200, body: { state: 'expired' } });
    expect(browser.cookie).toBeUndefined();
  });

  it('a wrong number, a wrong key (wrong PIN) and another wrong number block the means', async () => {
    const { username, c, peer } = await paired();
    const wrongPin = p256.utils.randomSecretKey();
    for (const [i, make] of [
      (req: string, num: number) =>
        peer.answerBody(
          req,
          parseApprovalRequest(req).numbers.find((x) => x !== num)!,
          'approve',
        ),
      (req: string, num: number) => peer.answerBody(req, num, 'approve', wrongPin),
      (req: string, num: number) =>
        peer.answerBody(
          req,
          parseApprovalRequest(req).numbers.find((x) => x !== num)!,
          'approve',
        ),
    ].entries()) {
      const { push, request } = await pushAndReceive(username, peer);
      const r = await answer(peer, make(request, push.number), await serverNow(t.url));
      expect(r.status, `attempt ${i}`).toBe(401);
    }
    const o = await c.get<{ means: { kind: string; status: string }[] }>('/api/account');
    expect(o.body.means.find((m) => m.kind === 'desktop-app')?.status).toBe('blocked');
  });

  it('a wrong answer is counted before anyone learns the outcome: the resolved event already sees the failure', async () => {
    const { username, peer } = await paired();
    const { browser, push, request } = await pushAndReceive(username, peer);
    const meansId = peer.enrolled!.means;
    const { ctx, approvals } = t.server.services;
    // What the server holds at the moment it tells the app (and so the browser's poll) that the request is settled.
    const atResolved: { failures: number | undefined; browser: unknown }[] = [];
    const off = approvals.hub.subscribe(meansId, (event) => {
      if (event !== 'resolved') return;
      const failures = ctx.accounts
        .byUsername(username)
        ?.means.find((m) => m.id === meansId)?.failedAttempts;
      atResolved.push({
        failures,
        browser: approvals.status(push.tx, undefined, { ip: '127.0.0.1' }).state,
      });
    });
    const wrong = parseApprovalRequest(request).numbers.find((x) => x !== push.number)!;
    expect(
      (await answer(peer, peer.answerBody(request, wrong, 'approve'), await serverNow(t.url)))
        .status,
    ).toBe(401);
    // On PostgreSQL the event travels through NOTIFY, to this node too, so it may land after the answer.
    await vi.waitFor(() => expect(atResolved).toHaveLength(1));
    off();
    expect(atResolved).toEqual([{ failures: 1, browser: 'denied' }]);
    expect(
      (await browser.post('/api/login/desktop-app/push/status', { tx: push.tx })).body,
    ).toEqual({ state: 'denied' });
  });

  it('"deny — this wasn\'t me" denies the browser and blocks the means', async () => {
    const { username, c, peer } = await paired();
    const { browser, push, request } = await pushAndReceive(username, peer);
    expect(
      (await answer(peer, peer.answerBody(request, 0, 'deny-and-block'), await serverNow(t.url)))
        .body,
    ).toEqual({ state: 'denied' });
    expect(
      (await browser.post('/api/login/desktop-app/push/status', { tx: push.tx })).body,
    ).toEqual({ state: 'denied' });
    const o = await c.get<{ means: { kind: string; status: string }[] }>('/api/account');
    expect(o.body.means.find((m) => m.kind === 'desktop-app')?.status).toBe('blocked');
  });

  it('expires after 2 minutes, limits unanswered requests to 3 per account, and serves the long-poll fallback', async () => {
    const { username, peer } = await paired();
    const browser = new Client(t.url);
    const pushes: Push[] = [];
    for (let i = 0; i < 3; i++)
      pushes.push((await browser.post<Push>('/api/login/desktop-app/push', { username })).body);
    expect((await browser.post('/api/login/desktop-app/push', { username })).status).toBe(429);
    const poll = await peer.signed(t.url, 'GET', '/api/device/events/poll', await serverNow(t.url));
    const events = (poll.body as { events: { id: string; type: string; data: string }[] }).events;
    expect(events.map((e) => parseApprovalRequest(e.data).tx).sort()).toEqual(
      pushes.map((p) => p.tx).sort(),
    );
    // `after` = the newest id seen: nothing newer is pending, so a new push ends the wait with just that one.
    const newest = String(Math.max(...events.map((e) => Number(e.id))));
    const late = events[0]!.data;
    await advance(t.url, 121);
    expect(
      (
        await answer(
          peer,
          peer.answerBody(late, parseApprovalRequest(late).numbers[0], 'approve'),
          await serverNow(t.url),
        )
      ).status,
    ).toBe(404);
    expect(
      (await browser.post('/api/login/desktop-app/push/status', { tx: pushes[0]!.tx })).body,
    ).toEqual({ state: 'expired' });
    const waiting = peer.signed(
      t.url,
      'GET',
      `/api/device/events/poll?after=${newest}`,
      await serverNow(t.url),
    );
    const fresh = (await browser.post<Push>('/api/login/desktop-app/push', { username })).body;
    const woke = (await waiting).body as { events: { id: string; data: string }[] };
    expect(woke.events.map((e) => parseApprovalRequest(e.data).tx)).toEqual([fresh.tx]);
    expect(Number(woke.events[0]!.id)).toBeGreaterThan(Number(newest));
  });

  it("in a session over JSON: step-up with all desktop apps, completed only by that session, which gets a rotated cookie at the app's level", async () => {
    const { username, peer } = await paired();
    const login = new Client(t.url);
    expect((await login.post('/api/login', { username, password: PASSWORD })).status).toBe(200);
    const before = login.cookie;
    let push: Push | undefined;
    const request = await peer.nextApproval(t.url, await serverNow(t.url), async () => {
      const r = await login.post<Push>('/api/session/desktop-app/push', {});
      expect(r.status).toBe(201);
      push = r.body;
    });
    expect(parseApprovalRequest(request)).toMatchObject({
      tx: push!.tx,
      purpose: 'login',
      means: peer.enrolled!.means,
    });
    expect(
      (await login.post('/api/session/desktop-app/push/status', { tx: push!.tx })).body,
    ).toMatchObject({ state: 'pending', number: push!.number });
    const other = new Client(t.url);
    await other.post('/api/login', { username, password: PASSWORD });
    expect(
      (
        await answer(
          peer,
          peer.answerBody(request, push!.number, 'approve'),
          await serverNow(t.url),
        )
      ).status,
    ).toBe(200);
    expect(
      (await other.post('/api/session/desktop-app/push/status', { tx: push!.tx })).body,
    ).toEqual({ state: 'expired' });
    const done = await login.post<{ state: string; session: { level: string } }>(
      '/api/session/desktop-app/push/status',
      { tx: push!.tx },
    );
    expect(done.body.state).toBe('approved');
    expect(done.body.session.level).toBe('substanziell');
    expect(login.cookie).not.toBe(before);
    // A means of another kind, or one that is not the session's pending one, cannot be asked.
    const pw = (
      await login.get<{ means: { id: string; kind: string }[] }>('/api/account')
    ).body.means.find((m) => m.kind === 'password')!;
    expect((await login.post('/api/session/desktop-app/push', { meansId: pw.id })).status).toBe(
      409,
    );
  });

  it('an unknown name gets a request that stays pending until it expires and the same 429 (no account oracle); a path tx unlike the body is refused', async () => {
    const browser = new Client(t.url);
    const push = await browser.post<Push>('/api/login/desktop-app/push', {
      username: 'nobody-here',
    });
    expect(push.status).toBe(201);
    expect(
      (await browser.post('/api/login/desktop-app/push/status', { tx: push.body.tx })).body,
    ).toEqual({ state: 'pending' });
    await advance(t.url, 121);
    expect(
      (await browser.post('/api/login/desktop-app/push/status', { tx: push.body.tx })).body,
    ).toEqual({ state: 'expired' });

    // The limit of 3 unanswered requests holds for an unknown name (any spelling) and an account without
    // a desktop app exactly as for a paired one: a 429 only real accounts get would be an oracle.
    const plain = `noapp${++n}`;
    await newAccount(t.url, plain);
    for (const name of ['nobody-else', plain]) {
      for (let i = 0; i < 3; i++)
        expect(
          (
            await browser.post('/api/login/desktop-app/push', {
              username: i === 1 ? name.toUpperCase() : name,
            })
          ).status,
        ).toBe(201);
      expect((await browser.post('/api/login/desktop-app/push', { username: name })).status).toBe(
        429,
      );
    }

    const { username, peer } = await paired();
    const { request } = await pushAndReceive(username, peer);
    const body = peer.answerBody(request, parseApprovalRequest(request).numbers[0], 'approve');
    const r = await peer.signedPost(
      t.url,
      '/api/device/approvals/AAAAAAAAAAAAAAAAAAAAAA',
      body,
      await serverNow(t.url),
    );
    expect(r.status).toBe(400);
  });
});
