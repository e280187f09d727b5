import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import { FaktorError } from '../../../shared/errors';
import type { QrPosition } from '../../../shared/qr/found-code';
import { toAsarUnpacked } from './asar-path';
import { assertPixelImage, decodeEncodedImage, type PixelImage } from './qr-image';

/** One QR code found in an image: its payload text and its corners in image pixels. */
export interface QrHit {
  readonly text: string;
  readonly position: QrPosition;
}

/** A hit plus a small PNG of the code as it looked (for the "pick one" list). */
export interface QrHitWithThumbnail extends QrHit {
  readonly thumbnailPng: Uint8Array | null;
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

/**
 * Where the reader wasm sits: resolved through the package's own export map (never a CDN). Inside a
 * packaged app the file may have been unpacked next to the asar archive; prefer that copy.
 */
export function resolveReaderWasmPath(): string {
  const require = createRequire(import.meta.url);
  const path = require.resolve('zxing-wasm/reader/zxing_reader.wasm');
  const unpacked = toAsarUnpacked(path);
  return unpacked !== path && existsSync(unpacked) ? unpacked : path;
}

let ready: Promise<unknown> | null = null;

/** Instantiates the zxing reader once per thread from the local wasm file. */
export function initReader(wasmPath = resolveReaderWasmPath()): Promise<unknown> {
  if (!ready) {
    const bytes = readFileSync(wasmPath);
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
  const data = img.data instanceof Uint8ClampedArray ? img.data : new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length);
  let results;
  try {
    results = await readBarcodes({ data, width: img.width, height: img.height, colorSpace: 'srgb' } as ImageData, READER_OPTIONS);
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
    const dup = hits.some((h) => h.text === r.text && Math.hypot(center(h.position).x - c.x, center(h.position).y - c.y) < 8);
    if (!dup) hits.push({ text: r.text, position });
  }
  return hits;
}

/** Decodes a PNG/JPEG file or raw pixels, optionally with a thumbnail per code. */
export async function decodeAny(input: Uint8Array | PixelImage, withThumbnails: boolean): Promise<QrHitWithThumbnail[]> {
  const img = input instanceof Uint8Array ? decodeEncodedImage(input) : input;
  const hits = await decodePixels(img);
  return hits.map((h) => ({ ...h, thumbnailPng: withThumbnails ? thumbnailPng(img, h.position) : null }));
}

/** Centre of a code's quadrilateral. */
export function center(p: QrPosition): { x: number; y: number } {
  return {
    x: (p.topLeft.x + p.topRight.x + p.bottomRight.x + p.bottomLeft.x) / 4,
    y: (p.topLeft.y + p.topRight.y + p.bottomRight.y + p.bottomLeft.y) / 4,
  };
}

/** Longest side of a thumbnail in pixels. */
export const THUMBNAIL_SIDE = 128;

/**
 * Crops the code (plus a quiet-zone margin) and scales it to fit THUMBNAIL_SIDE, so the user can tell
 * several codes apart; nearest-neighbour keeps modules crisp. Returns PNG bytes.
 */
export function thumbnailPng(img: PixelImage, position: QrPosition): Uint8Array {
  const xs = [position.topLeft.x, position.topRight.x, position.bottomRight.x, position.bottomLeft.x];
  const ys = [position.topLeft.y, position.topRight.y, position.bottomRight.y, position.bottomLeft.y];
  const margin = Math.max(4, (Math.max(...xs) - Math.min(...xs)) * 0.12);
  const x0 = clamp(Math.floor(Math.min(...xs) - margin), 0, img.width - 1);
  const y0 = clamp(Math.floor(Math.min(...ys) - margin), 0, img.height - 1);
  const x1 = clamp(Math.ceil(Math.max(...xs) + margin), x0 + 1, img.width);
  const y1 = clamp(Math.ceil(Math.max(...ys) + margin), y0 + 1, img.height);
  const cw = x1 - x0;
  const ch = y1 - y0;
  const scale = Math.min(1, THUMBNAIL_SIDE / Math.max(cw, ch));
  const tw = Math.max(1, Math.round(cw * scale));
  const th = Math.max(1, Math.round(ch * scale));
  const png = new PNG({ width: tw, height: th });
  const bgra = img.order === 'bgra';
  for (let y = 0; y < th; y++) {
    const sy = y0 + Math.min(ch - 1, Math.floor(y / scale));
    for (let x = 0; x < tw; x++) {
      const sx = x0 + Math.min(cw - 1, Math.floor(x / scale));
      const s = (sy * img.width + sx) * 4;
      const d = (y * tw + x) * 4;
      png.data[d] = img.data[bgra ? s + 2 : s]!;
      png.data[d + 1] = img.data[s + 1]!;
      png.data[d + 2] = img.data[bgra ? s : s + 2]!;
      png.data[d + 3] = 255;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
