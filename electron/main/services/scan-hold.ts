import { createHash } from 'node:crypto';
import { parseMigrationUri } from '../../../shared/otp/migration';
import { parseOtpauthUri } from '../../../shared/otp/uri';
import { RouteViewSchema, type FoundCode, type ScanSource } from '../../../shared/qr/found-code';
import { payloadParsers } from '../../../shared/qr/payload-parsers';
import { routePayload, toRouteView, type Route } from '../../../shared/qr/router';
import type { QrDecoder } from './qr-decoder';
import { wipeHeld, type HeldPayload, type ScanTokens } from './scan-tokens';

/*
 * From a decoded text to a token: route the payload, keep what its parser produced behind a scan
 * token, and give the renderer only the view the IPC schema admits (qr-scan.ts acts on the tokens).
 */

/** What the decoder found in one image (the hits holdFound turns into tokens). */
export type DecodedHits = Awaited<ReturnType<QrDecoder['decodeImage']>>;

/**
 * Routes each decoded hit and keeps its payload behind a token; the renderer gets the safe view. A hit
 * the IPC schema refuses is shown as invalid and its secret bytes are zeroed at once.
 */
export function holdFound(
  tokens: ScanTokens,
  hits: DecodedHits,
  source: ScanSource,
  nowMs: number,
): FoundCode[] {
  return hits.map((h) => {
    const { route: r, held } = routeAndHold(h.text, nowMs);
    const view = safeView(r);
    if (view.kind !== r.kind) wipeHeld(held); // shown as invalid: nothing to act on
    return {
      token: tokens.hold(digest(h.text), {
        route: view,
        held: view.kind === r.kind ? held : { kind: 'none' },
      }),
      route: view,
      source,
      position: h.position,
      // Where, never what it looks like: no pixels of the code leave main (a crop decodes to the secret).
      imageSize: { width: h.imageSize.width, height: h.imageSize.height },
    };
  });
}

/**
 * Routes a payload and keeps what its parser produced (one parse per scan): the router only keeps a
 * summary, so the parsers are wrapped to catch the full result. A result the router then refuses
 * (e.g. a bad batch index) is zeroed at once.
 */
export function routeAndHold(
  text: string,
  nowMs: number = Date.now(),
): { route: Route; held: HeldPayload } {
  let parsed = { kind: 'none' } as HeldPayload;
  const r = routePayload(text, {
    ...payloadParsers(nowMs),
    otpauth: (uri) => {
      const res = parseOtpauthUri(uri);
      parsed = { kind: 'add-account', params: res.params };
      return res;
    },
    migration: (uri) => {
      const res = parseMigrationUri(uri);
      parsed = { kind: 'migration-part', accounts: res.accounts };
      return res;
    },
  });
  if (r.kind === 'servicekonto-pairing' || r.kind === 'servicekonto-login')
    return {
      route: r,
      held: { kind: 'servicekonto', payload: new TextEncoder().encode(r.payload) },
    };
  if (r.kind === parsed.kind) return { route: r, held: parsed };
  wipeHeld(parsed);
  return { route: r, held: { kind: 'none' } };
}

/** A stable key for a payload's text, so a re-scan finds its token without the text being kept. */
function digest(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/**
 * The view as the IPC schema admits it (strict: no payload, capped lengths). A route the schema refuses
 * (e.g. a 500-character label) is shown as an invalid code rather than failing the whole scan.
 */
function safeView(r: Route): FoundCode['route'] {
  const parsed = RouteViewSchema.safeParse(toRouteView(r));
  if (parsed.success) return parsed.data;
  if (r.kind === 'add-account')
    return { kind: 'invalid', target: 'otpauth', error: 'invalid-parameter' };
  if (r.kind === 'migration-part')
    return { kind: 'invalid', target: 'otpauth-migration', error: 'invalid-parameter' };
  return { kind: 'text', text: '' };
}
