import { equalBytes } from '@noble/curves/utils.js';
import { CtapError, malformed } from './errors';

/** CTAPHID command bytes (CTAP 2.1 §11.2.9), without the init-packet marker bit. */
export const CtapHidCmd = {
  PING: 0x01,
  MSG: 0x03,
  LOCK: 0x04,
  INIT: 0x06,
  WINK: 0x08,
  CBOR: 0x10,
  CANCEL: 0x11,
  KEEPALIVE: 0x3b,
  ERROR: 0x3f,
} as const;

/** CTAPHID ERROR payload codes. */
export const CtapHidError = {
  INVALID_CMD: 0x01,
  INVALID_PAR: 0x02,
  INVALID_LEN: 0x03,
  INVALID_SEQ: 0x04,
  MSG_TIMEOUT: 0x05,
  CHANNEL_BUSY: 0x06,
  LOCK_REQUIRED: 0x0a,
  INVALID_CHANNEL: 0x0b,
  OTHER: 0x7f,
} as const;

/** INIT capability flags: NMSG set means no U2F (CTAPHID_MSG) at all. */
export const Capability = { WINK: 0x01, CBOR: 0x04, NMSG: 0x08 } as const;

/** KEEPALIVE status byte: busy, or waiting for the user to touch the key. */
export const KeepaliveStatus = { PROCESSING: 1, UP_NEEDED: 2 } as const;

/** One HID report without the report-id byte. */
export const REPORT_SIZE = 64;
/** The channel every INIT request and reply uses. */
export const BROADCAST_CID = 0xffffffff;
const INIT_DATA = REPORT_SIZE - 7;
const CONT_DATA = REPORT_SIZE - 5;
const MAX_SEQ = 0x80;
/** Largest CTAPHID message: 57 + 128 × 59 bytes. */
export const MAX_MESSAGE = INIT_DATA + MAX_SEQ * CONT_DATA;

/** One parsed 64-byte report: the first of a message, or a continuation. */
export type HidPacket =
  | {
      readonly kind: 'init';
      readonly cid: number;
      readonly cmd: number;
      readonly length: number;
      readonly data: Uint8Array;
    }
  | {
      readonly kind: 'cont';
      readonly cid: number;
      readonly seq: number;
      readonly data: Uint8Array;
    };

/** A whole CTAPHID message after reassembly. */
export interface HidMessage {
  readonly cid: number;
  readonly cmd: number;
  readonly payload: Uint8Array;
}

/** Splits a message into zero-padded 64-byte reports (init packet, then continuations 0…127). */
export function framePackets(cid: number, cmd: number, payload: Uint8Array): Uint8Array[] {
  if (payload.length > MAX_MESSAGE)
    throw new CtapError(
      'invalid-argument',
      `message of ${payload.length} bytes exceeds ${MAX_MESSAGE}`,
    );
  const first = new Uint8Array(REPORT_SIZE);
  const view = new DataView(first.buffer);
  view.setUint32(0, cid >>> 0);
  first[4] = 0x80 | cmd;
  view.setUint16(5, payload.length);
  first.set(payload.subarray(0, INIT_DATA), 7);
  const packets = [first];
  for (let at = INIT_DATA, seq = 0; at < payload.length; at += CONT_DATA, seq++) {
    const cont = new Uint8Array(REPORT_SIZE);
    new DataView(cont.buffer).setUint32(0, cid >>> 0);
    cont[4] = seq;
    cont.set(payload.subarray(at, at + CONT_DATA), 5);
    packets.push(cont);
  }
  return packets;
}

/** Parses one 64-byte report from a device or a client. Throws only CtapError. */
export function parsePacket(report: Uint8Array): HidPacket {
  if (report.length !== REPORT_SIZE)
    throw malformed(`HID report of ${report.length} bytes, expected ${REPORT_SIZE}`);
  const view = new DataView(report.buffer, report.byteOffset, report.byteLength);
  const cid = view.getUint32(0);
  const b4 = report[4] ?? 0;
  if (b4 & 0x80)
    return {
      kind: 'init',
      cid,
      cmd: b4 & 0x7f,
      length: view.getUint16(5),
      data: report.subarray(7),
    };
  return { kind: 'cont', cid, seq: b4, data: report.subarray(5) };
}

function framing(detail: string, hidError: number): CtapError {
  return new CtapError('framing', detail, hidError);
}

/**
 * Reassembles one channel's message from packets, checking order: a continuation must carry the next
 * sequence number, and the declared length must fit 7609 bytes. Packets of other channels are ignored
 * (hidraw shows every process's traffic). Errors carry the CTAPHID error code as `status`.
 */
export class Reassembler {
  private pending: { cmd: number; buffer: Uint8Array; filled: number; nextSeq: number } | undefined;

  constructor(private readonly cid: number) {}

  /** True while a message is partly received. */
  get busy(): boolean {
    return this.pending !== undefined;
  }

  /** Feeds one packet; returns the message once complete, else undefined. */
  push(packet: HidPacket): HidMessage | undefined {
    if (packet.cid !== this.cid) return undefined;
    if (packet.kind === 'init') {
      if (this.pending)
        throw framing('new message before the previous one was complete', CtapHidError.INVALID_SEQ);
      if (packet.length > MAX_MESSAGE)
        throw framing(
          `declared length ${packet.length} exceeds ${MAX_MESSAGE}`,
          CtapHidError.INVALID_LEN,
        );
      const buffer = new Uint8Array(packet.length);
      const take = Math.min(packet.length, INIT_DATA);
      buffer.set(packet.data.subarray(0, take));
      this.pending = { cmd: packet.cmd, buffer, filled: take, nextSeq: 0 };
    } else {
      const p = this.pending;
      if (!p)
        throw framing(
          `continuation ${packet.seq} without an init packet`,
          CtapHidError.INVALID_SEQ,
        );
      if (packet.seq !== p.nextSeq) {
        this.pending = undefined;
        throw framing(
          `continuation ${packet.seq}, expected ${p.nextSeq}`,
          CtapHidError.INVALID_SEQ,
        );
      }
      const take = Math.min(p.buffer.length - p.filled, CONT_DATA);
      p.buffer.set(packet.data.subarray(0, take), p.filled);
      p.filled += take;
      p.nextSeq++;
    }
    const done = this.pending;
    if (!done || done.filled < done.buffer.length) return undefined;
    this.pending = undefined;
    return { cid: this.cid, cmd: done.cmd, payload: done.buffer };
  }

  /** Drops a partial message (after a timeout or an INIT resync). */
  reset(): void {
    this.pending = undefined;
  }
}

/** What a device's INIT reply says about itself. */
export interface InitReply {
  readonly cid: number;
  readonly protocolVersion: number;
  readonly deviceVersion: readonly [number, number, number];
  readonly capabilities: number;
}

/** Builds the INIT reply payload (for the software authenticator). */
export function encodeInitReply(nonce: Uint8Array, reply: InitReply): Uint8Array {
  const out = new Uint8Array(17);
  out.set(nonce.subarray(0, 8));
  new DataView(out.buffer).setUint32(8, reply.cid >>> 0);
  out.set([reply.protocolVersion, ...reply.deviceVersion, reply.capabilities], 12);
  return out;
}

/**
 * Parses an INIT reply; undefined when its nonce is not ours (another process is initializing too),
 * which the caller skips. Throws only CtapError for a reply too short or naming a reserved channel.
 */
export function parseInitReply(payload: Uint8Array, nonce: Uint8Array): InitReply | undefined {
  if (payload.length < 17) throw malformed(`INIT reply of ${payload.length} bytes, expected 17`);
  if (!equalBytes(payload.subarray(0, 8), nonce)) return undefined;
  const cid = new DataView(payload.buffer, payload.byteOffset + 8, 4).getUint32(0);
  if (cid === 0 || cid === BROADCAST_CID)
    throw malformed(`INIT reply assigned reserved channel ${cid}`);
  const b = (i: number): number => payload[i] ?? 0;
  return { cid, protocolVersion: b(12), deviceVersion: [b(13), b(14), b(15)], capabilities: b(16) };
}
