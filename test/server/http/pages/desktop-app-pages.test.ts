/**
 * The desktop-app pages through the real server over HTTP, in German and English: "Desktop-App
 * hinzufügen" → pairing QR → the app enrols → confirmation QR + code in the same session → active;
 * then the offline QR login from the login page, and the step-up page's QR.
 */
import { describe, expect, it } from 'vitest';
import { newAccount, serverNow, totpNow } from '../client';
import { useTestServer } from '../use-test-server';
import { DesktopPeer, pairedPeer, wrongCode } from '../desktop-app-peer';
import { Browser, csrf, payloadOf } from './browser';
import { enrolThroughPages } from './pairing-steps';
import { unwrapSameDeviceLink } from '../../../../shared/servicekonto/same-device-link';

const t = useTestServer();
let n = 0;

const unescape = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const linkOf = (page: string): string =>
  unescape(/href="(faktor:[^"]+)" data-testid="same-device-link"/.exec(page)?.[1] ?? '');

/** Pairs through the pages; a wrong code first, then the right one. Returns the confirmation page's HTML. */
async function pairThroughPages(b: Browser, peer: DesktopPeer): Promise<string> {
  const { url, page: first } = await enrolThroughPages(b, peer);
  // A wrong code keeps the user on the confirmation page, QR and form still there, the field marked —
  // no "login failed" (it was no login) and nothing about which factor failed.
  const fieldId = `code-${url.split('/')[2]}`;
  const wrong = await b.submit(url, {
    _csrf: csrf(first),
    code: wrongCode(peer.code(payloadOf(first, 'login-qr'), await serverNow(t.url))),
  });
  expect(wrong.url).toBe(url);
  expect(wrong.text).toContain('data-testid="login-qr"');
  expect(wrong.text).toContain(`id="${fieldId}-error"`);
  expect(wrong.text).toMatch(
    new RegExp(`id="${fieldId}"[^>]*aria-describedby="${fieldId}-error"[^>]*aria-invalid="true"`),
  );
  expect(wrong.text).not.toContain(
    b.lang === 'de' ? 'Die Anmeldung ist fehlgeschlagen' : 'Login failed',
  );
  const code = peer.code(payloadOf(wrong.text, 'login-qr'), await serverNow(t.url));
  const done = await b.post(url, { _csrf: csrf(wrong.text), code });
  expect(done.location).toBe('/account?done=confirmed');
  return wrong.text;
}

describe.each([
  [
    'de',
    'Desktop-App (Faktor) hinzufügen',
    'Mit der Desktop-App anmelden (QR-Code)',
    'Bestätigen Sie die neue Desktop-App',
  ],
  [
    'en',
    'Add desktop app (Faktor)',
    'Log in with the desktop app (QR code)',
    'Confirm the new desktop app',
  ],
] as const)('desktop-app pages (%s)', (lang, addLabel, loginLink, confirmIntro) => {
  it('pairs from "Desktop-App hinzufügen", confirms in the same session, then logs in offline from the login page', async () => {
    const username = `page${lang}${++n}`;
    const api = await newAccount(t.url, username);
    const b = new Browser(t.url, lang);
    b.seed(api.cookie);
    expect((await b.get('/means/new')).text).toContain(addLabel);
    const peer = new DesktopPeer();
    expect(await pairThroughPages(b, peer)).toContain(confirmIntro);
    expect((await b.get('/account')).text).toContain(peer.name);

    const anon = new Browser(t.url, lang);
    const login = await anon.get('/login');
    expect(login.text).toContain(loginLink);
    const start = await anon.get('/login/desktop-app');
    const qr = await anon.submit('/login/desktop-app', { _csrf: csrf(start.text), username });
    expect(qr.status).toBe(200);
    const payload = payloadOf(qr.text, 'login-qr');
    // Same-device approval (issue #11): a faktor:// link carrying exactly the QR's payload.
    expect(unwrapSameDeviceLink(linkOf(qr.text))).toBe(payload);
    const tx = /name="tx" value="([^"]+)"/.exec(qr.text)?.[1] ?? '';
    // Reload shows the same QR (a GET page), and a wrong code comes back to it with the field marked.
    expect(payloadOf((await anon.get(qr.url)).text, 'login-qr')).toBe(payload);
    const wrong = await anon.submit('/login/desktop-app/code', {
      _csrf: csrf(qr.text),
      tx,
      code: wrongCode(peer.code(payload, await serverNow(t.url))),
    });
    expect(wrong.url).toBe(qr.url);
    expect(payloadOf(wrong.text, 'login-qr')).toBe(payload);
    expect(wrong.text).toContain('id="f-code-error"');
    const ok = await anon.post('/login/desktop-app/code', {
      _csrf: csrf(qr.text),
      tx,
      code: peer.code(payload, await serverNow(t.url)),
    });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/account');
    expect((await anon.get('/account')).status).toBe(200);

    // Step-up with the desktop app: the /auth page carries a login QR for it (its own, named by the means id).
    const step = await anon.get('/auth?next=%2Faccount');
    expect(step.text).toContain(`data-testid="login-qr-${peer.enrolled!.means}"`);
    expect(unwrapSameDeviceLink(linkOf(step.text))).toBe(
      payloadOf(step.text, `login-qr-${peer.enrolled!.means}`),
    );
  });
});

it('says plainly when Faktor has not enrolled yet', async () => {
  const api = await newAccount(t.url, `page${++n}`);
  const b = new Browser(t.url, 'en');
  b.seed(api.cookie);
  const r = await b.get('/means/desktop-app/continue');
  expect(r.status).toBe(409);
  expect(r.text).toContain('Faktor has not been paired with this login yet');
});

describe('desktop-app unblock page (§4.4)', () => {
  it('shows the blocked desktop app its own login QR and no online-request button; its offline code unblocks it from a substanziell session', async () => {
    const api = await newAccount(t.url, `unblockpage${++n}`);
    const peer = await pairedPeer(t.url, api);
    const id = peer.enrolled!.means;
    // A TOTP keeps the session at substanziell without the desktop app (§4.4 needs ≥ its level first).
    const totp = await api.post<{ meansId: string; totp: { secret: string } }>('/api/means', {
      kind: 'password+totp',
    });
    expect(
      (
        await api.post(`/api/means/${totp.body.meansId}/authenticate`, {
          code: await totpNow(t.url, totp.body.totp.secret),
        })
      ).status,
    ).toBe(200);
    const b = new Browser(t.url, 'en');
    b.seed(api.cookie);
    // While active, the step-up page offers this desktop app an online request (the button the unblock page must not show).
    const pushButton = new RegExp(
      `name="meansId" value="${id}">.*?data-testid="push-send">Send a request to this desktop app</button>`,
      's',
    );
    expect((await b.get('/auth?next=%2Faccount')).text).toMatch(pushButton);
    expect(
      (await peer.signed(t.url, 'POST', `/api/device/means/${id}/block`, await serverNow(t.url)))
        .status,
    ).toBe(204);
    const page = await b.get(`/means/${id}/unblock`);
    expect(page.status).toBe(200);
    // A blocked means gets no online request, so its unblock page offers none; only the offline QR + code.
    expect(page.text).not.toContain('data-testid="push-send"');
    expect(page.text).not.toContain('Send a request to this desktop app');
    const payload = payloadOf(page.text, `login-qr-${id}`);
    expect(payload).toMatch(/^faktor-login:/);
    const done = await b.post(`/means/${id}/unblock`, {
      _csrf: csrf(page.text),
      code: peer.code(payload, await serverNow(t.url)),
    });
    expect(done.location).toBe('/account?done=unblocked');
  });
});
