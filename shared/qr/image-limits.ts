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
} as const;

/** Base64 length that encodes `bytes` bytes (for string caps on IPC). */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4;
}
