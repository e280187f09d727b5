/**
 * The desktop-app pages through the real server over HTTP, in German and English: "Desktop-App
 * hinzufügen" → pairing QR → the app enrols → confirmation QR + code in the same session → active;
 * then the offline QR login from the login page, and the step-up page's QR.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, serverNow, startTestServer, type TestServer } from '../http/client';
import { DesktopPeer, wrongCode } from '../http/desktop-app-peer';
import { Browser, csrf, payloadOf } from './page-browser';
import { pairThroughPages } from './pairing-steps';

let t: TestServer;
let n = 0;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.stop());

describe.each([
  ['de', 'Desktop-App (Faktor) hinzufügen', 'Mit der Desktop-App anmelden (QR-Code)', 'Bestätigen Sie die neue Desktop-App'],
  ['en', 'Add desktop app (Faktor)', 'Log in with the desktop app (QR code)', 'Confirm the new desktop app'],
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
    const qr = await anon.post('/login/desktop-app', { _csrf: csrf(start.text), username });
    expect(qr.status).toBe(200);
    const payload = payloadOf(qr.text, 'login-qr');
    const tx = /name="tx" value="([^"]+)"/.exec(qr.text)?.[1] ?? '';
    const wrong = await anon.post('/login/desktop-app/code', { _csrf: csrf(qr.text), tx, code: wrongCode(peer.code(payload, await serverNow(t.url))) });
    expect(wrong.status).toBe(401);
    const ok = await anon.post('/login/desktop-app/code', { _csrf: csrf(qr.text), tx, code: peer.code(payload, await serverNow(t.url)) });
    expect(ok.status).toBe(303);
    expect(ok.location).toBe('/account');
    expect((await anon.get('/account')).status).toBe(200);

    // Step-up with the desktop app: the /auth page carries a login QR for it (its own, named by the means id).
    const step = await anon.get('/auth?next=%2Faccount');
    expect(step.text).toContain(`data-testid="login-qr-${peer.enrolled!.means}"`);
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
