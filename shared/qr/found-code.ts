import { z } from 'zod';
import { accountFields, pickFields, SUMMARY_KEYS } from '../account';
import { base64Length, QR_IMAGE_LIMITS } from './image-limits';

/**
 * IPC shapes of QR scanning. A found code crosses to the renderer as a RouteView (never the raw
 * otpauth payload, which holds a secret) plus an opaque token; the renderer confirms by token and main
 * acts on the payload it kept.
 */

const Point = z.strictObject({ x: z.number(), y: z.number() });
/** Corners of a found code in source-image pixels. */
export const QrPosition = z.strictObject({
  topLeft: Point,
  topRight: Point,
  bottomRight: Point,
  bottomLeft: Point,
});
export type QrPosition = z.infer<typeof QrPosition>;

/** Opaque handle main hands out for a scanned payload (short-lived, in-memory only). */
export const ScanToken = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

const Summary = z.strictObject(pickFields(accountFields, SUMMARY_KEYS));

/** Renderer-safe router verdict (mirrors RouteView in router.ts). */
export const RouteViewSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('add-account'),
    summary: Summary,
    warnings: z.array(z.string().max(200)).max(20),
  }),
  z.strictObject({
    kind: z.literal('migration-part'),
    batchId: z.number().int(),
    batchIndex: z.number().int().min(0),
    batchSize: z.number().int().min(1),
    version: z.number().int(),
    accounts: z.array(Summary).max(1000),
  }),
  z.strictObject({
    kind: z.literal('servicekonto-pairing'),
    pairing: z.strictObject({
      origin: z.string().max(300),
      account: z.string().max(64),
      accountName: z.string().max(200),
      exp: z.number().int(),
      level: z.enum(['niedrig', 'substanziell']),
    }),
  }),
  z.strictObject({
    kind: z.literal('servicekonto-login'),
    login: z.strictObject({
      origin: z.string().max(300),
      account: z.string().max(64),
      accountName: z.string().max(200),
      tx: z.string().max(64),
      challenge: z.string().max(64),
      service: z.string().max(200),
      level: z.enum(['niedrig', 'substanziell', 'hoch']),
      exp: z.number().int(),
    }),
  }),
  z.strictObject({
    kind: z.literal('invalid'),
    target: z.enum(['otpauth', 'otpauth-migration', 'faktor-pair', 'faktor-login']),
    error: z.string().max(64),
  }),
  z.strictObject({ kind: z.literal('text'), text: z.string().max(8000) }),
]);

/** Where a code was found. */
export const ScanSource = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('screen'),
    displayId: z.string().max(64),
    displayLabel: z.string().max(200),
  }),
  z.strictObject({ kind: z.literal('image') }),
  z.strictObject({ kind: z.literal('clipboard') }),
  z.strictObject({ kind: z.literal('camera') }),
  /** A `faktor://login` link the OS handed to the app (same-device approval, issue #11). */
  z.strictObject({ kind: z.literal('link') }),
]);
export type ScanSource = z.infer<typeof ScanSource>;

/** One code found by a scan. */
export const FoundCode = z.strictObject({
  token: ScanToken,
  route: RouteViewSchema,
  source: ScanSource,
  position: QrPosition,
  /**
   * Size of the image `position` refers to (the display capture, file or camera frame), so the UI can
   * draw where the code was found. Deliberately NO picture of the code: a crop of it decodes back to
   * the payload, i.e. the secret (docs/qr.md, "Secrets and confirmation"). The object is strict, so no
   * image can ride along.
   */
  imageSize: z.strictObject({
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
});
export type FoundCode = z.infer<typeof FoundCode>;

/** Result of any scan: the codes (possibly none) and how many images were looked at. */
export const ScanResult = z.strictObject({
  codes: z.array(FoundCode).max(64),
  /** Screens captured (screen scan) or 1 (image, clipboard, camera frame). */
  imagesScanned: z.number().int().min(0),
});
export type ScanResult = z.infer<typeof ScanResult>;

/** Image handed from the renderer (file, drop, camera frame): base64 PNG/JPEG, capped. */
export const EncodedImageRequest = z.strictObject({
  base64: z
    .string()
    .min(4)
    .max(base64Length(QR_IMAGE_LIMITS.maxEncodedBytes))
    .regex(/^[A-Za-z0-9+/]+={0,2}$/),
  /** Where the picture came from (shown with the result; decoding is the same). */
  source: z.enum(['image', 'camera']),
});
