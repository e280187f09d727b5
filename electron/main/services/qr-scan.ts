import { randomBytes } from 'node:crypto';
import { FaktorError } from '../../../shared/errors';
import type { AccountView, ImportResult } from '../../../shared/ipc/schemas';
import { parseMigrationUri } from '../../../shared/otp/migration';
import { parseOtpauthUri } from '../../../shared/otp/uri';
import type { OtpParams } from '../../../shared/otp/types';
import { RouteViewSchema, type FoundCode, type ScanResult, type ScanSource } from '../../../shared/qr/found-code';
import { addPart, completeTokens, emptyCollection } from '../../../shared/qr/migration-collector';
import { route } from '../../../shared/qr/payload-parsers';
import { toRouteView, type Route } from '../../../shared/qr/router';
import type { QrDecoder } from './qr-decoder';
import type { PixelImage } from './qr-image';

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

/** How long a scanned payload can be confirmed, and how many are kept at most. */
export const TOKEN_TTL_MS = 10 * 60_000;
const MAX_TOKENS = 256;

/**
 * Scanning in main: sources → decoder → router → renderer-safe results. A payload (which may hold a
 * secret) never leaves main, neither as text nor as a picture of the code; the renderer gets its
 * RouteView, where the code was found and an opaque token, and acting on a code (add, import) needs
 * that token back — i.e. the user's confirmation in the UI.
 */
export function createQrScanService(deps: { decoder: QrDecoder; ports: QrScanPorts; vault: QrVault; now: () => number }) {
  const byToken = new Map<string, { payload: string; route: Route; expires: number }>();
  const byPayload = new Map<string, string>();

  const sweep = () => {
    const now = deps.now();
    for (const [token, e] of byToken) {
      if (e.expires <= now || byToken.size > MAX_TOKENS) {
        byToken.delete(token);
        byPayload.delete(e.payload);
      }
    }
  };

  /** The same payload always gets the same token, so the collector can recognise a re-scan. */
  const tokenFor = (payload: string, r: Route): string => {
    sweep();
    const known = byPayload.get(payload);
    const expires = deps.now() + TOKEN_TTL_MS;
    if (known) {
      byToken.set(known, { payload, route: r, expires });
      return known;
    }
    const token = randomBytes(18).toString('base64url');
    byToken.set(token, { payload, route: r, expires });
    byPayload.set(payload, token);
    return token;
  };

  const take = (token: string): Route => {
    sweep();
    const e = byToken.get(token);
    if (!e) throw new FaktorError('not-found', 'scan expired');
    return e.route;
  };

  const toFound = (hits: Awaited<ReturnType<QrDecoder['decodeImage']>>, source: ScanSource): FoundCode[] =>
    hits.map((h) => {
      const r = route(h.text);
      return {
        token: tokenFor(h.text, r),
        route: safeView(r),
        source,
        position: h.position,
        // Where, never what it looks like: no pixels of the code leave main (a crop decodes to the secret).
        imageSize: { width: h.imageSize.width, height: h.imageSize.height },
      };
    });

  return {
    /** Every display, each decoded in the worker; codes from all displays in one list. */
    async scanScreen(): Promise<ScanResult> {
      if (!deps.ports.captureScreens) throw new FaktorError('screen-capture-denied', 'no screen capture on this platform');
      const displays = await deps.ports.captureScreens();
      const codes: FoundCode[] = [];
      for (const d of displays) {
        const hits = await deps.decoder.decodeImage(d.image, { transfer: true });
        codes.push(...toFound(hits, { kind: 'screen', displayId: d.id.slice(0, 64), displayLabel: d.label.slice(0, 200) }));
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
      const hit = { text, position: { topLeft: corner, topRight: corner, bottomRight: corner, bottomLeft: corner }, imageSize: { width: 1, height: 1 } };
      return toFound([hit], source)[0]!;
    },

    /** Adds the account of a scanned otpauth:// code (the user confirmed its summary). */
    async addAccount(req: { token: string }): Promise<AccountView> {
      const r = take(req.token);
      if (r.kind !== 'add-account') throw new FaktorError('unsupported-payload', `token is ${r.kind}`);
      const view = await deps.vault.add(parseOtpauthUri(r.payload).params);
      forget(req.token);
      return view;
    },

    /**
     * Imports a complete Google export: the tokens must be exactly one batch with every part (checked
     * again here with the same collector the UI uses); all-or-nothing through the vault.
     */
    async importMigration(req: { tokens: readonly string[] }): Promise<ImportResult> {
      let c = emptyCollection;
      let batchId: number | null = null;
      const accounts: OtpParams[] = [];
      for (const token of req.tokens) {
        const r = take(token);
        if (r.kind !== 'migration-part') throw new FaktorError('unsupported-payload', `token is ${r.kind}`);
        if (batchId !== null && r.batchId !== batchId) throw new FaktorError('invalid-migration', 'mixed batches');
        batchId = r.batchId;
        const added = addPart(c, { token, batchId: r.batchId, batchIndex: r.batchIndex, batchSize: r.batchSize, accountCount: r.accounts.length });
        if (added.outcome === 'conflict') throw new FaktorError('invalid-migration', 'conflicting parts');
        c = added.collection;
        if (added.outcome === 'added') accounts.push(...parseMigrationUri(byToken.get(token)!.payload).accounts);
      }
      if (batchId === null || !completeTokens(c, batchId)) throw new FaktorError('invalid-migration', 'batch incomplete');
      const result = await deps.vault.importAccounts(accounts);
      for (const token of req.tokens) forget(token);
      return result;
    },

    /**
     * The raw payload behind a token whose route is `kind`, for the Servicekonto flows that act on it in
     * main (pairing, offline login); 'not-found' when expired, 'unsupported-payload' for another kind.
     */
    payloadOf(token: string, kind: Route['kind']): string {
      const r = take(token);
      if (r.kind !== kind) throw new FaktorError('unsupported-payload', `token is ${r.kind}`);
      return byToken.get(token)!.payload;
    },

    /** Forgets one token after its flow is done. */
    release(token: string): void {
      forget(token);
    },

    /** Drops every kept payload (on lock and quit). */
    forgetAll(): void {
      byToken.clear();
      byPayload.clear();
    },
  };

  function forget(token: string): void {
    const e = byToken.get(token);
    if (e) byPayload.delete(e.payload);
    byToken.delete(token);
  }
}

/**
 * The view as the IPC schema admits it (strict: no payload, capped lengths). A route the schema refuses
 * (e.g. a 500-character label) is shown as an invalid code rather than failing the whole scan.
 */
function safeView(r: Route): FoundCode['route'] {
  const parsed = RouteViewSchema.safeParse(toRouteView(r));
  if (parsed.success) return parsed.data;
  if (r.kind === 'add-account') return { kind: 'invalid', target: 'otpauth', error: 'invalid-parameter' };
  if (r.kind === 'migration-part') return { kind: 'invalid', target: 'otpauth-migration', error: 'invalid-parameter' };
  return { kind: 'text', text: '' };
}

/** The scan service's public shape. */
export type QrScanService = ReturnType<typeof createQrScanService>;
