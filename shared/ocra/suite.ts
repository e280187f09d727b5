import { FaktorError } from '../errors';

/**
 * An RFC 6287 OCRA suite string, parsed: `OCRA-1:HOTP-<hash>-<digits>:<data input>` where the data
 * input is `[C-]Q<fmt><len>[-P<hash>][-S<len>][-T<step>]` (§6.3). Anything outside the RFC's grammar
 * is refused with `invalid-parameter`, so a suite from a server can never select an undefined mode.
 */

/** Hash functions OCRA allows for the HMAC and for the PIN hash (§5.1). */
export type OcraHash = 'SHA1' | 'SHA256' | 'SHA512';

/** A parsed suite; optional parts are `undefined` when the suite does not use them. */
export interface OcraSuite {
  readonly text: string;
  readonly hash: OcraHash;
  /** 0 = the full HMAC hex is the response (RFC §5.1 "0 = no truncation"); else 4…10. */
  readonly digits: number;
  readonly counter: boolean;
  readonly question: { readonly format: 'A' | 'N' | 'H'; readonly length: number };
  readonly pinHash?: OcraHash;
  /** Session-information length in bytes (S064 → 64). */
  readonly sessionLength?: number;
  /** Time step in seconds (T1M → 60). */
  readonly timeStepSeconds?: number;
}

const TIME_UNITS: Readonly<Record<string, { seconds: number; max: number }>> = {
  S: { seconds: 1, max: 59 },
  M: { seconds: 60, max: 59 },
  H: { seconds: 3600, max: 48 },
};

/** Parses a suite string; throws FaktorError('invalid-parameter') on anything the RFC does not define. */
export function parseOcraSuite(text: string): OcraSuite {
  const bad = (why: string): FaktorError =>
    new FaktorError('invalid-parameter', `ocra suite: ${why}`, { name: 'ocraSuite' });
  if (typeof text !== 'string' || text.length > 64) throw bad('length');
  const parts = text.split(':');
  if (parts.length !== 3 || parts[0] !== 'OCRA-1') throw bad('shape');
  const crypto = /^HOTP-(SHA1|SHA256|SHA512)-(\d{1,2})$/.exec(parts[1] ?? '');
  if (!crypto) throw bad('crypto function');
  const digits = Number(crypto[2]);
  if (digits !== 0 && (digits < 4 || digits > 10)) throw bad('digits');
  const fields = (parts[2] ?? '').split('-');
  let i = 0;
  const counter = fields[i] === 'C';
  if (counter) i++;
  const q = /^Q([ANH])(\d\d)$/.exec(fields[i++] ?? '');
  if (!q) throw bad('question');
  const qLength = Number(q[2]);
  if (qLength < 4 || qLength > 64) throw bad('question length');
  let pinHash: OcraHash | undefined;
  let sessionLength: number | undefined;
  let timeStepSeconds: number | undefined;
  const pin = /^P(SHA1|SHA256|SHA512)$/.exec(fields[i] ?? '');
  if (pin) {
    pinHash = pin[1] as OcraHash;
    i++;
  }
  const session = /^S(\d{3})?$/.exec(fields[i] ?? '');
  if (session) {
    sessionLength = session[1] === undefined ? 64 : Number(session[1]);
    if (sessionLength < 1 || sessionLength > 512) throw bad('session length');
    i++;
  }
  const time = /^T(\d{1,2})([SMH])$/.exec(fields[i] ?? '');
  if (time) {
    const unit = TIME_UNITS[time[2] ?? ''];
    const n = Number(time[1]);
    if (!unit || n < 1 || n > unit.max) throw bad('time step');
    timeStepSeconds = n * unit.seconds;
    i++;
  }
  if (i !== fields.length) throw bad('data input');
  return {
    text,
    hash: crypto[1] as OcraHash,
    digits,
    counter,
    question: { format: q[1] as 'A' | 'N' | 'H', length: qLength },
    ...(pinHash ? { pinHash } : {}),
    ...(sessionLength !== undefined ? { sessionLength } : {}),
    ...(timeStepSeconds !== undefined ? { timeStepSeconds } : {}),
  };
}
