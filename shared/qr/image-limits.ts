/**
 * Size limits for images handed to the QR decoder. One table so the IPC schema (renderer → main), the
 * decoder's own validation and the docs agree. Chosen to admit an 8K screen (7680×4320 = 33 MP) and a
 * phone photo, and to refuse decompression bombs before any pixel is inflated.
 */
export const QR_IMAGE_LIMITS = {
  /** Encoded file (PNG/JPEG) size in bytes. */
  maxEncodedBytes: 32 * 1024 * 1024,
  /** Longest side in pixels. */
  maxSide: 16_384,
  /** Width × height. */
  maxPixels: 40_000_000,
  /** Shortest side: a version-1 QR code is 21 modules. */
  minSide: 21,
  /**
   * Encoded files (picked, dropped, camera frames, clipboard images) are bounded tighter than raw
   * screen captures, BEFORE decoding, from the header: 4096 × 3072 (12.6 MP) admits a 4K screenshot
   * and a 12 MP phone photo; a 639-byte JPEG claiming 6000 × 6000 (36 MP) is refused unread (issue #7
   * item 8: it cost the main process 1 GiB and 7 s).
   */
  maxEncodedPixels: 4096 * 3072,
  /** Longest side of an encoded file. */
  maxEncodedSide: 8192,
  /** jpeg-js's own allocation cap (MiB): about 24 bytes per pixel at maxEncodedPixels. */
  maxDecoderMemoryMiB: 320,
  /** One decode job's time limit; past it the worker is terminated and the next job gets a new one. */
  decodeTimeoutMs: 30_000,
} as const;

/** Base64 length that encodes `bytes` bytes (for string caps on IPC). */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}
