import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import { FaktorError } from '../../../shared/errors';
import { QR_IMAGE_LIMITS } from '../../../shared/qr/image-limits';

/** Raw pixels as the decoder wants them; `order` lets Electron's BGRA bitmaps pass without a copy. */
export interface PixelImage {
  readonly width: number;
  readonly height: number;
  /** 4 bytes per pixel, row-major, no padding. */
  readonly data: Uint8Array | Uint8ClampedArray;
  readonly order?: 'rgba' | 'bgra';
}

/** Which container an encoded image uses (by magic bytes, never by file name). */
export type ImageFormat = 'png' | 'jpeg';

/** Recognises PNG/JPEG by their magic bytes; null for anything else. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (
    bytes.length >= 8 &&
    bytes[0] === 0x89 &&
    bytes[1] === 0x50 &&
    bytes[2] === 0x4e &&
    bytes[3] === 0x47
  )
    return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return 'jpeg';
  return null;
}

/** Throws image-unreadable unless width × height is inside QR_IMAGE_LIMITS. */
export function assertDimensions(width: number, height: number): void {
  const { maxSide, maxPixels, minSide } = QR_IMAGE_LIMITS;
  if (!Number.isInteger(width) || !Number.isInteger(height))
    throw new FaktorError('image-unreadable', 'non-integer size');
  if (width < minSide || height < minSide)
    throw new FaktorError('image-unreadable', `too small ${width}x${height}`);
  if (width > maxSide || height > maxSide || width * height > maxPixels) {
    throw new FaktorError('image-unreadable', `too large ${width}x${height}`);
  }
}

/** Throws image-unreadable unless an encoded file's header size is inside the (tighter) encoded-file limits. */
export function assertEncodedDimensions(width: number, height: number): void {
  assertDimensions(width, height);
  const { maxEncodedSide, maxEncodedPixels } = QR_IMAGE_LIMITS;
  if (width > maxEncodedSide || height > maxEncodedSide || width * height > maxEncodedPixels) {
    throw new FaktorError('image-unreadable', `too large for a file ${width}x${height}`);
  }
}

/** Validates a raw pixel buffer's shape (length must match width × height × 4). */
export function assertPixelImage(img: PixelImage): void {
  assertDimensions(img.width, img.height);
  if (img.data.length !== img.width * img.height * 4)
    throw new FaktorError('image-unreadable', 'pixel buffer size mismatch');
}

/**
 * Reads width/height from the PNG IHDR or the first JPEG SOFn marker without inflating anything, so a
 * decompression bomb is refused before it costs memory.
 */
export function readImageSize(
  bytes: Uint8Array,
  format: ImageFormat,
): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === 'png') {
    // 8-byte signature, then the IHDR chunk: length(4) 'IHDR'(4) width(4) height(4).
    if (bytes.length < 24 || String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') {
      throw new FaktorError('image-unreadable', 'png without IHDR');
    }
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) throw new FaktorError('image-unreadable', 'jpeg marker expected');
    const marker = bytes[i + 1]!;
    if (marker === 0xff) {
      i += 1;
      continue;
    }
    const len = view.getUint16(i + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(i + 5), width: view.getUint16(i + 7) };
    }
    if (len < 2) throw new FaktorError('image-unreadable', 'jpeg segment length');
    i += 2 + len;
  }
  throw new FaktorError('image-unreadable', 'jpeg without frame header');
}

/**
 * Decodes a PNG or JPEG file into RGBA after checking its size limits. Any failure of the codec is
 * reported as image-unreadable (never as a crash or a codec-specific message).
 */
export function decodeEncodedImage(bytes: Uint8Array): PixelImage {
  if (bytes.length === 0 || bytes.length > QR_IMAGE_LIMITS.maxEncodedBytes) {
    throw new FaktorError('image-unreadable', `encoded size ${bytes.length}`);
  }
  const format = sniffImageFormat(bytes);
  if (!format) throw new FaktorError('image-unreadable', 'not a PNG or JPEG');
  const { width, height } = readImageSize(bytes, format);
  assertEncodedDimensions(width, height); // from the header, before a single pixel is inflated
  try {
    if (format === 'png') {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      const img: PixelImage = { width: png.width, height: png.height, data: png.data };
      assertPixelImage(img);
      assertEncodedDimensions(img.width, img.height);
      return img;
    }
    const raw = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      // The codec's own caps as well, in case it reads a different frame header than we did.
      maxResolutionInMP: QR_IMAGE_LIMITS.maxEncodedPixels / 1e6,
      maxMemoryUsageInMB: QR_IMAGE_LIMITS.maxDecoderMemoryMiB,
    });
    const img: PixelImage = { width: raw.width, height: raw.height, data: raw.data };
    assertPixelImage(img);
    assertEncodedDimensions(img.width, img.height);
    return img;
  } catch (e) {
    if (e instanceof FaktorError) throw e;
    throw new FaktorError('image-unreadable', `${format} decode failed`);
  }
}
