import { FaktorError } from '../../../shared/errors';
import type { AccountView, ImportResult } from '../../../shared/ipc/schemas';
import type { OtpParams } from '../../../shared/otp/types';
import type { FoundCode, ScanResult, ScanSource } from '../../../shared/qr/found-code';
import { addPart, completeTokens, emptyCollection } from '../../../shared/qr/migration-collector';
import type { Route, ServicekontoFlow } from '../../../shared/qr/router';
import type { QrDecoder } from './qr-decoder';
import type { PixelImage } from './qr-image';
import { holdFound, type DecodedHits } from './scan-hold';
import { createScanTokens, type HeldPayload, type ScanTokens } from './scan-tokens';

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
    ...scanSources(deps, toFound),

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

/**
 * Where codes come from: the screens, an image from the renderer, the clipboard, a same-device link's
 * text. Each hit goes through `toFound` (routed, held behind a token); only safe views come back.
 */
function scanSources(
  deps: { decoder: QrDecoder; ports: QrScanPorts },
  toFound: (hits: DecodedHits, source: ScanSource) => FoundCode[],
) {
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
  };
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

/** The same account with a secret of its own (the caller zeroes it when done). */
function withOwnSecret(p: OtpParams): OtpParams {
  return { ...p, secret: p.secret.slice() };
}

/** The scan service's public shape. */
export type QrScanService = ReturnType<typeof createQrScanService>;
