import { poly1305 } from '@noble/ciphers/_poly1305.js';
import { chacha20, hchacha } from '@noble/ciphers/chacha.js';

/*
 * libsodium's crypto_secretstream_xchacha20poly1305, pull side, for ONE message (all Ente Auth
 * writes), built from @noble/ciphers' audited primitives (HChaCha20, IETF ChaCha20, Poly1305). The
 * construction follows libsodium's secretstream_xchacha20poly1305.c step by step, including its
 * padding rule for the MAC input; test/electron/main/services/import/secretstream.test.ts checks it
 * against libsodium itself (PyNaCl). No state is kept: a second message would need the rekeyed
 * nonce, which Ente never writes.
 */

/** Header bytes (the Ente "encryptionNonce"). */
export const SECRETSTREAM_HEADER_BYTES = 24;
/** Overhead per message: 1 tag byte + 16 MAC bytes. */
export const SECRETSTREAM_ABYTES = 17;
/** libsodium's TAG_FINAL: the last message of a stream. */
export const TAG_FINAL = 3;

const SIGMA = words(new TextEncoder().encode('expand 32-byte k'));

function words(b: Uint8Array): Uint32Array {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return Uint32Array.from({ length: b.length / 4 }, (_, i) => dv.getUint32(4 * i, true));
}

function bytes(w: Uint32Array): Uint8Array {
  const out = new Uint8Array(w.length * 4);
  const dv = new DataView(out.buffer);
  w.forEach((x, i) => dv.setUint32(4 * i, x, true));
  return out;
}

function le64(n: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(n), true);
  return out;
}

/**
 * Decrypts and authenticates the first message of a stream. Returns the message and its tag, or
 * null when the MAC does not verify (wrong key or modified bytes) or the input is too short.
 */
export function secretstreamPullFirst(
  key: Uint8Array,
  header: Uint8Array,
  c: Uint8Array,
): { message: Uint8Array; tag: number } | null {
  if (
    key.length !== 32 ||
    header.length !== SECRETSTREAM_HEADER_BYTES ||
    c.length < SECRETSTREAM_ABYTES
  )
    return null;
  const subWords = new Uint32Array(8);
  hchacha(SIGMA, words(key), words(header.subarray(0, 16)), subWords);
  const k = bytes(subWords);
  // nonce = 32-bit counter (1 after init) ‖ the header's last 8 bytes
  const nonce = new Uint8Array(12);
  nonce[0] = 1;
  nonce.set(header.subarray(16, 24), 4);
  const mlen = c.length - SECRETSTREAM_ABYTES;
  const polyKey = chacha20(k, nonce, new Uint8Array(64), undefined, 0).subarray(0, 32);
  const block = new Uint8Array(64);
  block[0] = c[0]!;
  const keyed = chacha20(k, nonce, block, undefined, 1);
  const tag = keyed[0]!;
  keyed[0] = c[0]!;
  const body = c.subarray(1, 1 + mlen);
  const pad = (0x10 - 64 + mlen) & 0xf; // libsodium's rule, kept verbatim for compatibility
  const macInput = new Uint8Array(64 + mlen + pad + 16);
  macInput.set(keyed, 0);
  macInput.set(body, 64);
  macInput.set(le64(0), 64 + mlen + pad);
  macInput.set(le64(64 + mlen), 64 + mlen + pad + 8);
  const mac = poly1305(macInput, polyKey);
  const stored = c.subarray(1 + mlen);
  let diff = 0;
  for (let i = 0; i < 16; i++) diff |= mac[i]! ^ stored[i]!;
  k.fill(0);
  if (diff !== 0) return null;
  const message = chacha20(bytes(subWords), nonce, body, undefined, 2);
  subWords.fill(0);
  return { message, tag };
}
