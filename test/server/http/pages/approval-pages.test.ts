/**
 * The online-approval pages over real HTTP with a real server (127.0.0.1:0, SQLite file), in German
 * and English: log in by a request to the desktop app (number matching; approved, wrong number,
 * expired — one plain refusal text), the §4.2 confirmation of a new pairing by one approval, and the
 * step-up with several desktop apps (each its own QR and request, or one request to all). The app
 * side is the shared wire-format code (DesktopPeer), answering over the device API.
 */
import { describe, expect, it } from 'vitest';
import { advance, newAccount, PASSWORD, serverNow, type Client } from '../client';
import { useTestServer } from '../use-test-server';
import { DesktopPeer } from '../desktop-app-peer';
import {
  parseApprovalRequest,
  type ApprovalDecision,
} from '../../../../shared/servicekonto/approval';
import { PAGE_CSP } from '../../../../server/http/security-headers';
import { Browser, csrf, payloadOf, type PageAnswer } from './browser';
import { enrolThroughPages, pairThroughPages } from './pairing-steps';

const t = useTestServer();
let n = 0;

/** Opens the event stream of every peer, runs `action` once all are open, and returns each peer's first request. */
async function requestsDuring(
  peers: DesktopPeer[],
  action: () => Promise<void>,
): Promise<string[]> {
  const opened: Promise<void>[] = [];
  let go!: () => void;
  const released = new Promise<void>((r) => (go = r));
  const now = await serverNow(t.url);
  const requests = peers.map((p) => {
    let open!: () => void;
    opened.push(new Promise<void>((r) => (open = r)));
    return p.nextApproval(t.url, now, async () => {
      open();
      await released;
    });
  });
  await Promise.all(opened);
  await action();
  go();
  return Promise.all(requests);
}

/** The app's answer to one request (signed with its approval key unless `key` is given). */
async function answer(
  peer: DesktopPeer,
  request: string,
  number: number,
  decision: ApprovalDecision = 'approve',
): Promise<number> {
  const body = peer.answerBody(request, number, decision);
  return (
    await peer.signedPost(
      t.url,
      `/api/device/approvals/${parseApprovalRequest(request).tx}`,
      body,
      await serverNow(t.url),
    )
  ).status;
}

const numberOn = (page: PageAnswer): number =>
  Number(/data-testid="push-number">(\d+)</.exec(page.text)?.[1]);

/** An account with one active desktop app, paired through the pages. */
async function accountWithApp(
  lang: 'de' | 'en',
): Promise<{ username: string; api: Client; peer: DesktopPeer }> {
  const username = `push-page-${lang}${++n}`;
  const api = await newAccount(t.url, username);
  const b = new Browser(t.url, lang);
  b.seed(api.cookie);
  const peer = new DesktopPeer();
  await pairThroughPages(b, peer);
  return { username, api, peer };
}

/** Anonymous browser: login page → "send a request" → username → the waiting page (with the app's request). */
async function startPushLogin(
  lang: 'de' | 'en',
  username: string,
  peers: DesktopPeer[],
): Promise<{ b: Browser; wait: PageAnswer; requests: string[] }> {
  const b = new Browser(t.url, lang);
  const login = await b.get('/login');
  expect(login.text).toContain('href="/login/desktop-app/push"');
  const form = await b.get('/login/desktop-app/push');
  let sent: PageAnswer | undefined;
  const requests = await requestsDuring(peers, async () => {
    sent = await b.post('/login/desktop-app/push', { _csrf: csrf(form.text), username });
  });
  expect(sent?.status).toBe(303);
  expect(sent?.location).toBe('/login/desktop-app/push/wait');
  const wait = await b.get('/login/desktop-app/push/wait');
  return { b, wait, requests };
}

describe.each([
  [
    'de',
    'Wählen Sie in Faktor diese Zahl',
    'Die Anfrage wurde nicht bestätigt (abgelehnt oder abgelaufen).',
  ],
  ['en', 'Choose this number in Faktor', 'The request was not confirmed (declined or expired).'],
] as const)('login by online approval (%s)', (lang, chooseText, refusedText) => {
  it('shows the number, re-checks by itself under the strict CSP, and logs in once the app approves it', async () => {
    const { username, peer } = await accountWithApp(lang);
    const { b, wait, requests } = await startPushLogin(lang, username, [peer]);
    expect(wait.status).toBe(200);
    expect(wait.text).toContain(chooseText);
    expect(wait.headers.get('refresh')).toBe('2');
    expect(wait.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(wait.text).not.toMatch(/<script(?![^>]*src=)/);
    const request = parseApprovalRequest(requests[0]!);
    expect(request).toMatchObject({ purpose: 'login', accountName: username });
    expect(request.numbers).toContain(numberOn(wait));
    expect((await b.get('/login/desktop-app/push/wait')).status).toBe(200); // still pending
    expect(await answer(peer, requests[0]!, numberOn(wait))).toBe(200);
    const done = await b.get('/login/desktop-app/push/wait');
    expect(done.status).toBe(303);
    expect(done.location).toBe('/account');
    expect((await b.get('/account')).status).toBe(200);
    // Issued once: the waiting page now refuses, and the transaction cookie is gone.
    expect(b.has('sk_push')).toBe(false);
  });

  it('a wrong number in the app and an expired request end in the same plain refusal', async () => {
    const { username, peer } = await accountWithApp(lang);
    const first = await startPushLogin(lang, username, [peer]);
    const wrong = parseApprovalRequest(first.requests[0]!).numbers.find(
      (x) => x !== numberOn(first.wait),
    )!;
    expect(await answer(peer, first.requests[0]!, wrong)).toBe(401);
    const refused = await first.b.get('/login/desktop-app/push/wait');
    expect(refused.status).toBe(401);
    expect(refused.text).toContain(refusedText);

    const second = await startPushLogin(lang, username, [peer]);
    await advance(t.url, 121);
    const expired = await second.b.get('/login/desktop-app/push/wait');
    expect(expired.status).toBe(401);
    expect(expired.text.replace(/name="_csrf" value="[^"]+"/g, '')).toBe(
      refused.text.replace(/name="_csrf" value="[^"]+"/g, ''),
    );
    expect((await second.b.get('/account')).status).toBe(303);
  });
});

describe('login by online approval: no oracle, no login CSRF', () => {
  it('an unknown name waits like a known one; the waiting page without the transaction cookie completes nothing', async () => {
    const b = new Browser(t.url, 'en');
    const form = await b.get('/login/desktop-app/push');
    const sent = await b.post('/login/desktop-app/push', {
      _csrf: csrf(form.text),
      username: 'nobody-at-all',
    });
    expect(sent.status).toBe(303);
    const wait = await b.get('/login/desktop-app/push/wait');
    expect(wait.status).toBe(200);
    expect(numberOn(wait)).toBeGreaterThanOrEqual(10);

    // Someone approves their own login, then sends a victim's browser to the waiting page: no cookie, no session.
    const { username, peer } = await accountWithApp('en');
    const attacker = await startPushLogin('en', username, [peer]);
    expect(await answer(peer, attacker.requests[0]!, numberOn(attacker.wait))).toBe(200);
    const victim = new Browser(t.url, 'en');
    const r = await victim.get('/login/desktop-app/push/wait');
    expect(r.status).toBe(401);
    expect(victim.has('sk_session')).toBe(false);
  });

  it('the 4th unanswered request for a name is refused with "too many attempts", for an unknown name as for a real one', async () => {
    const { username } = await accountWithApp('en');
    for (const name of [username, 'nobody-4-times']) {
      const b = new Browser(t.url, 'en');
      for (let i = 0; i < 3; i++)
        expect(
          (
            await b.post('/login/desktop-app/push', {
              _csrf: csrf((await b.get('/login/desktop-app/push')).text),
              username: name,
            })
          ).location,
        ).toBe('/login/desktop-app/push/wait');
      const refused = await b.post('/login/desktop-app/push', {
        _csrf: csrf((await b.get('/login/desktop-app/push')).text),
        username: name,
      });
      expect(refused.location).toBe('/login/desktop-app/push');
      expect((await b.get('/login/desktop-app/push')).text).toContain(
        'Too many attempts. Please wait a moment and try again.',
      );
    }
  });
});

it('a malformed name on the request form comes back (303) with the error at the field, the name typed and `next` kept', async () => {
  const b = new Browser(t.url, 'en');
  const form = await b.get('/login/desktop-app/push?next=%2Fmeans%2Fnew');
  const sent = await b.post('/login/desktop-app/push', {
    _csrf: csrf(form.text),
    username: 'x<y',
    next: '/means/new',
  });
  expect(sent.status).toBe(303);
  expect(sent.location).toBe('/login/desktop-app/push?next=%2Fmeans%2Fnew');
  const again = await b.get(sent.location!);
  expect(again.text).toContain(
    '<p class="field-error" id="f-username-error">Please check your input.</p>',
  );
  expect(again.text).toContain('value="x&lt;y"');
  expect(again.text).toContain('name="next" value="/means/new"');
});

it("a login for someone else (the login page's next) returns there after the approval", async () => {
  const { username, peer } = await accountWithApp('en');
  const b = new Browser(t.url, 'en');
  const login = await b.get('/login?next=%2Fmeans%2Fnew');
  expect(login.text).toContain('href="/login/desktop-app/push?next=%2Fmeans%2Fnew"');
  const form = await b.get('/login/desktop-app/push?next=%2Fmeans%2Fnew');
  expect(form.text).toContain('name="next" value="/means/new"');
  let sent: PageAnswer | undefined;
  const [request] = await requestsDuring([peer], async () => {
    sent = await b.post('/login/desktop-app/push', {
      _csrf: csrf(form.text),
      username,
      next: '/means/new',
    });
  });
  expect(sent?.location).toBe('/login/desktop-app/push/wait?next=%2Fmeans%2Fnew');
  const wait = await b.get(sent!.location!);
  expect(await answer(peer, request!, numberOn(wait))).toBe(200);
  expect((await b.get(sent!.location!)).location).toBe('/means/new');
});

describe('§4.2 confirmation of a new pairing by online approval', () => {
  it('the confirmation page offers a request to the new app; its approval in the same session activates it', async () => {
    const username = `push-confirm${++n}`;
    const api = await newAccount(t.url, username);
    const b = new Browser(t.url, 'de');
    b.seed(api.cookie);
    const peer = new DesktopPeer();
    const confirm = await enrolThroughPages(b, peer);
    expect(confirm.page).toContain('Anfrage an die neue Desktop-App senden');
    let sent: PageAnswer | undefined;
    const [request] = await requestsDuring([peer], async () => {
      sent = await b.post('/auth/push', {
        _csrf: csrf(confirm.page),
        meansId: peer.enrolled!.means,
        next: '/account?done=confirmed',
        back: confirm.url,
      });
    });
    expect(sent?.status).toBe(303);
    const parsed = parseApprovalRequest(request!);
    expect(parsed).toMatchObject({
      purpose: 'confirm-pairing',
      means: peer.enrolled!.means,
      service: 'Servicekonto: Desktop-App bestätigen',
    });
    const wait = await b.get(sent!.location!);
    expect(wait.status).toBe(200);
    // Another session of the same account cannot complete (or even see) this request.
    const other = new Browser(t.url, 'de');
    other.seed((await newSession(username)).cookie);
    expect((await other.get(sent!.location!)).status).toBe(401);
    expect(await answer(peer, request!, numberOn(wait))).toBe(200);
    const done = await b.get(sent!.location!);
    expect(done.location).toBe('/account?done=confirmed');
    const o = await api.get<{ means: { id: string; status: string }[] }>('/api/account');
    expect(o.status).toBe(401); // the API client's cookie was rotated away by the page session's re-authentication
    const view = await b.get('/account');
    expect(view.text).toContain(peer.name);
    const means = await peer.signed(t.url, 'GET', '/api/device/account', await serverNow(t.url));
    expect((means.body as { thisDevice: { status: string } }).thisDevice.status).toBe('active');
  });
});

/** A fresh password session of `username` over the JSON API. */
async function newSession(username: string): Promise<{ cookie: string | undefined }> {
  const res = await fetch(`${t.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  return { cookie: res.headers.getSetCookie()[0]?.split(';')[0] };
}

describe('step-up with several desktop apps', () => {
  it('each app gets its own QR and request; one request can go to all, and either app completes it', async () => {
    const username = `push-two${++n}`;
    const api = await newAccount(t.url, username);
    const owner = new Browser(t.url, 'en');
    owner.seed(api.cookie);
    const [laptop, desktop] = [new DesktopPeer('Laptop'), new DesktopPeer('Desktop')];
    await pairThroughPages(owner, laptop);
    await pairThroughPages(owner, desktop);

    const b = new Browser(t.url, 'en');
    b.seed((await newSession(username)).cookie);
    const step = await b.get('/auth?next=%2Faccount');
    expect(step.text).toContain('data-level="niedrig"');
    const [idL, idD] = [laptop.enrolled!.means, desktop.enrolled!.means];
    // Offline: both QRs coexist; the second app's code answers its own QR.
    const qrD = payloadOf(step.text, `login-qr-${idD}`);
    expect(payloadOf(step.text, `login-qr-${idL}`)).not.toBe('');
    expect(qrD).not.toBe('');
    const offline = await b.post(`/auth/${idD}?next=%2Faccount`, {
      _csrf: csrf(step.text),
      code: desktop.code(qrD, await serverNow(t.url)),
    });
    expect(offline.location).toBe('/account');

    // Online: one request to all apps after a fresh password login; the laptop answers.
    const c = new Browser(t.url, 'en');
    c.seed((await newSession(username)).cookie);
    const step2 = await c.get('/auth?next=%2Faccount');
    expect(step2.text).toContain('data-testid="push-all"');
    let sent: PageAnswer | undefined;
    const [reqL, reqD] = await requestsDuring([laptop, desktop], async () => {
      sent = await c.post('/auth/push', {
        _csrf: csrf(step2.text),
        meansId: 'all',
        next: '/account',
        back: '/auth?next=%2Faccount',
      });
    });
    expect(parseApprovalRequest(reqL!).tx).toBe(parseApprovalRequest(reqD!).tx);
    const wait = await c.get(sent!.location!);
    expect(await answer(laptop, reqL!, numberOn(wait))).toBe(200);
    expect(await answer(desktop, reqD!, numberOn(wait))).toBe(404); // settled
    const done = await c.get(sent!.location!);
    expect(done.location).toBe('/account');
    expect((await c.get('/auth?next=%2Faccount')).text).toContain('data-level="substanziell"');

    // Online to one chosen app only: the other gets nothing.
    const d = new Browser(t.url, 'en');
    d.seed((await newSession(username)).cookie);
    const step3 = await d.get('/auth?next=%2Faccount');
    const [reqOnly] = await requestsDuring([desktop], async () => {
      sent = await d.post('/auth/push', {
        _csrf: csrf(step3.text),
        meansId: idD,
        next: '/account',
        back: '/auth?next=%2Faccount',
      });
    });
    expect(parseApprovalRequest(reqOnly!).means).toBe(idD);
    // The request names the desktop only: the laptop cannot answer it (not addressed to it), the desktop can.
    const w3 = await d.get(sent!.location!);
    expect(await answer(laptop, reqOnly!, numberOn(w3))).toBe(404);
    expect(await answer(desktop, reqOnly!, numberOn(w3))).toBe(200);
    expect((await d.get(sent!.location!)).location).toBe('/account');
  });
});

describe('no transaction id in a URL', () => {
  it('the step-up waiting page names no transaction: it lives in the HttpOnly SameSite=Strict sk_push cookie only', async () => {
    const { username, peer } = await accountWithApp('en');
    const b = new Browser(t.url, 'en');
    b.seed((await newSession(username)).cookie);
    const step = await b.get('/auth?next=%2Faccount');
    let sent: PageAnswer | undefined;
    const [request] = await requestsDuring([peer], async () => {
      sent = await b.post('/auth/push', {
        _csrf: csrf(step.text),
        meansId: 'all',
        next: '/account',
        back: '/auth?next=%2Faccount',
      });
    });
    const { tx } = parseApprovalRequest(request!);
    expect(sent?.status).toBe(303);
    expect(sent!.location).toBe(
      '/auth/push/wait?next=%2Faccount&back=%2Fauth%3Fnext%3D%252Faccount',
    );
    const cookie = sent!.cookies.find((c) => c.startsWith('sk_push='));
    expect(cookie).toContain(`sk_push=${tx};`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const wait = await b.get(sent!.location!);
    expect(wait.status).toBe(200);
    expect(wait.text).not.toContain(tx);
    expect(await answer(peer, request!, numberOn(wait))).toBe(200);
    const done = await b.get(sent!.location!);
    expect(done.location).toBe('/account');
    expect(b.has('sk_push')).toBe(false);
  });
});

describe('the waiting page re-checks without counting as activity', () => {
  it('its Refresh polls do not extend the idle time of the session (§4.3): only the request to send was user input', async () => {
    const { username } = await accountWithApp('en');
    const b = new Browser(t.url, 'en');
    b.seed((await newSession(username)).cookie); // password only: niedrig, 60 minutes idle
    const step = await b.get('/auth?next=%2Faccount');
    const sent = await b.post('/auth/push', {
      _csrf: csrf(step.text),
      meansId: 'all',
      next: '/account',
      back: '/auth?next=%2Faccount',
    });
    expect(sent.status).toBe(303);
    // The user leaves the page open: it polls every 2 s; here once after 100 s while the request is pending …
    await advance(t.url, 100);
    const poll = await b.get(sent.location!);
    expect(poll.status).toBe(200);
    expect(poll.headers.get('refresh')).toBe('2');
    // … and once more after the request expired, 59 minutes later: still no user input since the send.
    await advance(t.url, 59 * 60);
    expect((await b.get(sent.location!)).status).toBe(303); // the session's idle time ran out at the send + 60 min
    expect((await b.get('/account')).status).toBe(303);
  });
});
