import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import { FaktorError } from '../../../shared/errors';
import type { QrPosition } from '../../../shared/qr/found-code';
import { readReaderWasm } from './qr-reader-wasm';
import { assertPixelImage, decodeEncodedImage, type PixelImage } from './qr-image';

/** One QR code found in an image: its payload text and its corners in image pixels. */
export interface QrHit {
  readonly text: string;
  readonly position: QrPosition;
}

/**
 * A hit plus the size of the image its position refers to, so the "pick one" list can show WHERE a
 * code was found. Deliberately no pixels: a crop of the code decodes back to its payload (the secret),
 * and the payload must never reach the renderer (docs/qr.md, "Secrets and confirmation").
 */
export interface QrHitInImage extends QrHit {
  readonly imageSize: { readonly width: number; readonly height: number };
}

/**
 * Reader options, tuned with `npm run bench:qr`: QR only; tryHarder for small modules on big screens;
 * tryInvert for dark-mode codes; tryRotate off (finder patterns are rotation invariant, the 90° retries
 * only help linear codes); tryDownscale on so large codes on 4K screens are found fast.
 */
export const READER_OPTIONS: ReaderOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryInvert: true,
  tryRotate: false,
  tryDownscale: true,
  maxNumberOfSymbols: 32,
  textMode: 'Plain',
};

let ready: Promise<unknown> | null = null;

/**
 * Instantiates the zxing reader once per thread. The decoder worker is handed the wasm bytes by the
 * main process (qr-decoder.ts); the CLI, benchmark and tests let it read the installed file.
 */
export function initReader(wasm?: Uint8Array): Promise<unknown> {
  if (!ready) {
    const bytes = wasm ?? readReaderWasm();
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    ready = prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  }
  return ready;
}

/**
 * Decodes every QR code in raw pixels, in the calling thread (the app calls this from the decoder
 * worker; the CLI and the benchmark call it through the same worker facade or directly).
 */
export async function decodePixels(img: PixelImage): Promise<QrHit[]> {
  assertPixelImage(img);
  await initReader();
  // zxing-wasm reads any {data, width, height} as RGBA. For BGRA input only the luminance weights of
  // R and B swap (0.30 vs 0.11), which does not change dark/light modules, so no copy is made.
  const data =
    img.data instanceof Uint8ClampedArray
      ? img.data
      : new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length);
  let results;
  try {
    results = await readBarcodes(
      { data, width: img.width, height: img.height, colorSpace: 'srgb' } as ImageData,
      READER_OPTIONS,
    );
  } catch {
    throw new FaktorError('image-unreadable', 'decoder failed');
  }
  const hits: QrHit[] = [];
  for (const r of results) {
    if (!r.isValid || r.format === 'None') continue;
    const { topLeft, topRight, bottomRight, bottomLeft } = r.position;
    const position: QrPosition = {
      topLeft: { x: topLeft.x, y: topLeft.y },
      topRight: { x: topRight.x, y: topRight.y },
      bottomRight: { x: bottomRight.x, y: bottomRight.y },
      bottomLeft: { x: bottomLeft.x, y: bottomLeft.y },
    };
    const c = center(position);
    const dup = hits.some(
      (h) =>
        h.text === r.text && Math.hypot(center(h.position).x - c.x, center(h.position).y - c.y) < 8,
    );
    if (!dup) hits.push({ text: r.text, position });
  }
  return hits;
}

/** Decodes a PNG/JPEG file or raw pixels; every hit carries the decoded image's size. */
export async function decodeAny(input: Uint8Array | PixelImage): Promise<QrHitInImage[]> {
  const img = input instanceof Uint8Array ? decodeEncodedImage(input) : input;
  const hits = await decodePixels(img);
  const imageSize = { width: img.width, height: img.height };
  return hits.map((h) => ({ ...h, imageSize }));
}

/** Centre of a code's quadrilateral. */
export function center(p: QrPosition): { x: number; y: number } {
  return {
    x: (p.topLeft.x + p.topRight.x + p.bottomRight.x + p.bottomLeft.x) / 4,
    y: (p.topLeft.y + p.topRight.y + p.bottomRight.y + p.bottomLeft.y) / 4,
  };
}
