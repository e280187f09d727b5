import { createHash } from 'node:crypto';
import { FaktorError } from '../../../shared/errors';
import type { AccountView, ImportResult } from '../../../shared/ipc/schemas';
import { parseMigrationUri } from '../../../shared/otp/migration';
import type { OtpParams } from '../../../shared/otp/types';
import { parseOtpauthUri } from '../../../shared/otp/uri';
import {
  RouteViewSchema,
  type FoundCode,
  type ScanResult,
  type ScanSource,
} from '../../../shared/qr/found-code';
import { addPart, completeTokens, emptyCollection } from '../../../shared/qr/migration-collector';
import { payloadParsers } from '../../../shared/qr/payload-parsers';
import {
  routePayload,
  toRouteView,
  type Route,
  type ServicekontoFlow,
} from '../../../shared/qr/router';
import type { QrDecoder } from './qr-decoder';
import type { PixelImage } from './qr-image';
import { createScanTokens, wipeHeld, type HeldPayload } from './scan-tokens';

/** One display as captured for scanning, at its native pixel size. */
export interface CapturedDisplay {
  readonly id: string;
  readonly label: string;
  readonly image: PixelImage;
}

/** What the scan service needs from the platform (Electron adapters in the app, doubles in tests). */
export interface QrScanPorts {
  /** Captures every display (the app window hidden meanwhile); see platform/screen-capture.ts. */
  captureScreens?: () => Promise<readonly CapturedDisplay[]>;
  /** The clipboard's image, or null when it holds none. */
  readClipboardImage?: () => Promise<PixelImage | Uint8Array | null>;
}

/** The part of the vault the scan flows write to (after the user confirmed). */
export interface QrVault {
  add(input: OtpParams): Promise<AccountView>;
  importAccounts(list: readonly OtpParams[]): Promise<ImportResult>;
}

/** How long a scanned payload can be confirmed (re-exported for the tests and docs). */
export { TOKEN_TTL_MS } from './scan-tokens';

/**
 * Scanning in main: sources → decoder → router → renderer-safe results. A payload (which may hold a
 * secret) never leaves main, neither as text nor as a picture of the code; the renderer gets its
 * RouteView, where the code was found and an opaque token, and acting on a code (add, import) needs
 * that token back — i.e. the user's confirmation in the UI. Behind the token main keeps the parsed
 * result with its secret bytes (scan-tokens.ts), so a confirmed add does not parse again.
 */
export function createQrScanService(deps: {
  decoder: QrDecoder;
  ports: QrScanPorts;
  vault: QrVault;
  now: () => number;
}) {
  const tokens = createScanTokens(deps.now);

  const take = (token: string, kind: Route['kind']): HeldPayload => takeHeld(tokens, token, kind);

  const toFound = (hits: DecodedHits, source: ScanSource): FoundCode[] =>
    holdFound(tokens, hits, source, deps.now());

  return {
    /** Every display, each decoded in the worker; codes from all displays in one list. */
    async scanScreen(): Promise<ScanResult> {
      if (!deps.ports.captureScreens)
        throw new FaktorError('screen-capture-denied', 'no screen capture on this platform');
      const displays = await deps.ports.captureScreens();
      const codes: FoundCode[] = [];
      for (const d of displays) {
        const hits = await deps.decoder.decodeImage(d.image, { transfer: true });
        codes.push(
          ...toFound(hits, {
            kind: 'screen',
            displayId: d.id.slice(0, 64),
            displayLabel: d.label.slice(0, 200),
          }),
        );
      }
      return { codes: codes.slice(0, 64), imagesScanned: displays.length };
    },

    /** A PNG/JPEG from the renderer (file picker, drop, camera frame). */
    async decodeImage(req: { base64: string; source: 'image' | 'camera' }): Promise<ScanResult> {
      const bytes = new Uint8Array(Buffer.from(req.base64, 'base64'));
      const hits = await deps.decoder.decodeImage(bytes, { transfer: true });
      return { codes: toFound(hits, { kind: req.source }).slice(0, 64), imagesScanned: 1 };
    },

    /** The clipboard's image; no image is the same answer as an image without a code. */
    async scanClipboard(): Promise<ScanResult> {
      const img = (await deps.ports.readClipboardImage?.()) ?? null;
      if (!img) return { codes: [], imagesScanned: 0 };
      const hits = await deps.decoder.decodeImage(img);
      return { codes: toFound(hits, { kind: 'clipboard' }).slice(0, 64), imagesScanned: 1 };
    },

    /**
     * A payload that arrived as text rather than a picture (a same-device link): routed and held behind
     * a token exactly like a scanned code; its "position" is the whole of a 1×1 nothing.
     */
    admitText(text: string, source: ScanSource): FoundCode {
      const corner = { x: 0, y: 0 };
      const hit = {
        text,
        position: { topLeft: corner, topRight: corner, bottomRight: corner, bottomLeft: corner },
        imageSize: { width: 1, height: 1 },
      };
      return toFound([hit], source)[0]!;
    },

    /** Adds the account of a scanned otpauth:// code (the user confirmed its summary). */
    async addAccount(req: { token: string }): Promise<AccountView> {
      const held = take(req.token, 'add-account');
      if (held.kind !== 'add-account')
        throw new FaktorError('unsupported-payload', 'token is add-account');
      // The vault copies the secret; the copy handed over is zeroed once it is done with it, so a lock
      // or expiry that zeroes the held bytes meanwhile cannot reach the vault half-wiped.
      const params = withOwnSecret(held.params);
      try {
        const view = await deps.vault.add(params);
        tokens.forget(req.token);
        return view;
      } finally {
        params.secret.fill(0);
      }
    },

    /**
     * Imports a complete Google export: the tokens must be exactly one batch with every part (checked
     * again here with the same collector the UI uses); all-or-nothing through the vault.
     */
    async importMigration(req: { tokens: readonly string[] }): Promise<ImportResult> {
      const accounts: OtpParams[] = [];
      try {
        takeMigrationBatch(tokens, req.tokens, accounts);
        const result = await deps.vault.importAccounts(accounts);
        for (const token of req.tokens) tokens.forget(token);
        return result;
      } finally {
        for (const a of accounts) a.secret.fill(0);
      }
    },

    /**
     * The raw payload behind a token whose route is `kind`, for the Servicekonto flows that act on it in
     * main (pairing, offline login); 'not-found' when expired, 'unsupported-payload' for another kind.
     */
    payloadOf(token: string, kind: ServicekontoFlow): string {
      const held = take(token, kind);
      if (held.kind !== 'servicekonto')
        throw new FaktorError('unsupported-payload', `token is ${kind}`);
      return new TextDecoder().decode(held.payload);
    },

    /** Forgets one token after its flow is done. */
    release(token: string): void {
      tokens.forget(token);
    },

    /** Drops every kept payload (on lock and quit). */
    forgetAll(): void {
      tokens.forgetAll();
    },
  };
}

type ScanTokens = ReturnType<typeof createScanTokens>;
type DecodedHits = Awaited<ReturnType<QrDecoder['decodeImage']>>;

/**
 * Routes each decoded hit and keeps its payload behind a token; the renderer gets the safe view. A hit
 * the IPC schema refuses is shown as invalid and its secret bytes are zeroed at once.
 */
function holdFound(
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
 * Takes the tokens of one Google export: exactly one batch with every part (checked again here with the
 * same collector the UI uses). The accounts are pushed into `into`, each with a secret of its own, as
 * they are taken, so the caller can zero them whatever happens.
 */
function takeMigrationBatch(tokens: ScanTokens, list: readonly string[], into: OtpParams[]): void {
  let c = emptyCollection;
  let batchId: number | null = null;
  for (const token of list) {
    const r = tokens.take(token).route;
    if (r.kind !== 'migration-part')
      throw new FaktorError('unsupported-payload', `token is ${r.kind}`);
    if (batchId !== null && r.batchId !== batchId)
      throw new FaktorError('invalid-migration', 'mixed batches');
    batchId = r.batchId;
    const added = addPart(c, {
      token,
      batchId: r.batchId,
      batchIndex: r.batchIndex,
      batchSize: r.batchSize,
      accountCount: r.accounts.length,
    });
    if (added.outcome === 'conflict')
      throw new FaktorError('invalid-migration', 'conflicting parts');
    c = added.collection;
    const held = takeHeld(tokens, token, 'migration-part');
    if (added.outcome === 'added' && held.kind === 'migration-part')
      into.push(...held.accounts.map(withOwnSecret));
  }
  if (batchId === null || !completeTokens(c, batchId))
    throw new FaktorError('invalid-migration', 'batch incomplete');
}

/** The payload behind a token whose route is `kind`; 'unsupported-payload' for another kind. */
function takeHeld(tokens: ScanTokens, token: string, kind: Route['kind']): HeldPayload {
  const e = tokens.take(token);
  if (e.route.kind !== kind)
    throw new FaktorError('unsupported-payload', `token is ${e.route.kind}`);
  return e.held;
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

/** The same account with a secret of its own (the caller zeroes it when done). */
function withOwnSecret(p: OtpParams): OtpParams {
  return { ...p, secret: p.secret.slice() };
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

/** The scan service's public shape. */
export type QrScanService = ReturnType<typeof createQrScanService>;
