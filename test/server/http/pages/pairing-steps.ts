/**
 * Pairing a simulated desktop app through the pages (shared by the page tests): "Desktop-App
 * hinzufügen" → pairing QR (post/redirect/get) → the app enrols → the confirmation page of the pending
 * means, then (offline) its code in the same session.
 */
import { expect } from 'vitest';
import { serverNow } from '../client';
import type { DesktopPeer } from '../desktop-app-peer';
import { csrf, payloadOf, type Browser } from './browser';

/** Up to the confirmation page: returns its URL and HTML. */
export async function enrolThroughPages(
  b: Browser,
  peer: DesktopPeer,
): Promise<{ url: string; page: string }> {
  const form = await b.get('/means/new');
  expect(form.text).toContain('id="new-desktop-app"');
  const pairing = await b.submit('/means/new/desktop-app', { _csrf: csrf(form.text) });
  expect(pairing.status).toBe(200);
  expect(pairing.text).toContain('data-testid="pairing-qr"');
  expect(
    (await peer.enroll(b.base, payloadOf(pairing.text, 'pairing-qr'), await serverNow(b.base)))
      .status,
  ).toBe(201);
  const cont = await b.get('/means/desktop-app/continue');
  expect(cont.status).toBe(303);
  const url = cont.location ?? '';
  return { url, page: (await b.get(url)).text };
}

/** Pairs and confirms with the offline code; returns the confirmation page's HTML. */
export async function pairThroughPages(b: Browser, peer: DesktopPeer): Promise<string> {
  const { url, page } = await enrolThroughPages(b, peer);
  const code = peer.code(payloadOf(page, 'login-qr'), await serverNow(b.base));
  const done = await b.post(url, { _csrf: csrf(page), code });
  expect(done.location).toBe('/account?done=confirmed');
  return page;
}
