import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { FaktorError } from '../errors';
import { parseOcraSuite, type OcraHash, type OcraSuite } from './suite';

/**
 * RFC 6287 OCRA response computation (§5–§7), written by hand because nothing on npm or in Debian
 * implements OCRA (protocols.md §1.3); checked against every Appendix C vector and the TiQR vectors.
 * DataInput = suite ‖ 0x00 ‖ C(8) ‖ Q(128) ‖ P ‖ S ‖ T(8); response = HOTP truncation of
 * HMAC(key, DataInput). Pure: shared by the app (computes) and the server (verifies).
 */

/** What the data input of one computation holds; which fields are needed depends on the suite. */
export interface OcraInputs {
  /** The challenge as the suite's format expects: decimal (QN), ASCII (QA) or hex (QH). */
  readonly question: string;
  readonly counter?: bigint | number;
  /** Hex of the hashed PIN (the RFC passes the hash, not the PIN). */
  readonly pinHashHex?: string;
  /** Session information as hex; left-padded with zeros to the suite's S length. */
  readonly sessionHex?: string;
  /** Time as a count of the suite's time steps since the epoch. */
  readonly timeSteps?: bigint | number;
}

const HASH = { SHA1: sha1, SHA256: sha256, SHA512: sha512 } as const;

/** Hashes a PIN the way a `-P<hash>` suite expects (hex of hash(UTF-8 PIN)). */
export function ocraPinHash(pin: string, hash: OcraHash): string {
  return bytesToHex(HASH[hash](utf8ToBytes(pin)));
}

/** Computes the OCRA response for `suite` (text or parsed) with `key` and `inputs`. */
export function ocraResponse(
  suite: string | OcraSuite,
  key: Uint8Array,
  inputs: OcraInputs,
): string {
  const s = typeof suite === 'string' ? parseOcraSuite(suite) : suite;
  if (!(key instanceof Uint8Array) || key.length < 1 || key.length > 128) throw invalid('key');
  const mac = hmac(HASH[s.hash], key, dataInput(s, inputs));
  if (s.digits === 0) return bytesToHex(mac);
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary =
    (((mac[offset] ?? 0) & 0x7f) << 24) |
    ((mac[offset + 1] ?? 0) << 16) |
    ((mac[offset + 2] ?? 0) << 8) |
    (mac[offset + 3] ?? 0);
  return String(binary % 10 ** s.digits).padStart(s.digits, '0');
}

function dataInput(s: OcraSuite, inputs: OcraInputs): Uint8Array {
  const parts: Uint8Array[] = [utf8ToBytes(s.text), new Uint8Array([0])];
  if (s.counter) parts.push(uint64(inputs.counter, 'counter'));
  parts.push(questionBytes(s, inputs.question));
  if (s.pinHash) {
    const pin = hex(inputs.pinHashHex, 'pin');
    if (pin.length !== HASH[s.pinHash].outputLen) throw invalid('pin');
    parts.push(pin);
  }
  if (s.sessionLength !== undefined) {
    const session = hex(inputs.sessionHex, 'session');
    if (session.length > s.sessionLength) throw invalid('session');
    parts.push(leftPad(session, s.sessionLength));
  }
  if (s.timeStepSeconds !== undefined) parts.push(uint64(inputs.timeSteps, 'time'));
  return concat(parts);
}

function questionBytes(s: OcraSuite, q: string): Uint8Array {
  // The suite's length (QA08…) is not enforced: RFC 6287's own C.2 vectors use 16-character questions
  // with QA08. Only the 128-byte Q field bounds it; the wire formats enforce their exact lengths.
  if (typeof q !== 'string' || q.length < 1 || q.length > 256) throw invalid('question');
  let hexText: string;
  if (s.question.format === 'N') {
    if (!/^\d+$/.test(q)) throw invalid('question');
    hexText = BigInt(q).toString(16);
  } else if (s.question.format === 'A') {
    if (!/^[\x20-\x7e]+$/.test(q)) throw invalid('question');
    hexText = bytesToHex(utf8ToBytes(q));
  } else {
    if (!/^[0-9a-fA-F]+$/.test(q)) throw invalid('question');
    hexText = q;
  }
  // §6.3: Q is the hex form right-padded with zeros to 128 bytes (a trailing odd nibble is padded too).
  if (hexText.length > 256) throw invalid('question');
  return hexToBytes(hexText.padEnd(256, '0'));
}

function uint64(value: bigint | number | undefined, name: string): Uint8Array {
  if (value === undefined) throw invalid(name);
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw invalid(name);
  const v = BigInt(value);
  if (v < 0n || v >= 1n << 64n) throw invalid(name);
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, v);
  return out;
}

function hex(text: string | undefined, name: string): Uint8Array {
  if (
    typeof text !== 'string' ||
    !/^(?:[0-9a-fA-F]{2})*$/.test(text.length % 2 ? `0${text}` : text)
  )
    throw invalid(name);
  return hexToBytes(text.length % 2 ? `0${text}` : text);
}

function leftPad(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  out.set(bytes, length - bytes.length);
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function invalid(name: string): FaktorError {
  return new FaktorError('invalid-parameter', `ocra ${name}`, { name });
}
