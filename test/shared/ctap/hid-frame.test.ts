import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CtapError } from '../../../shared/ctap/errors';
import {
  encodeInitReply,
  framePackets,
  MAX_MESSAGE,
  parseInitReply,
  parsePacket,
  Reassembler,
  REPORT_SIZE,
} from '../../../shared/ctap/hid-frame';

const CID = 0x01020304;

function reassemble(packets: Uint8Array[], cid = CID) {
  const r = new Reassembler(cid);
  let out;
  for (const p of packets) out = r.push(parsePacket(p)) ?? out;
  return out;
}

describe('CTAPHID framing', () => {
  it('frames a 7609-byte message into 129 reports and reassembles it', () => {
    expect(MAX_MESSAGE).toBe(7609);
    const payload = Uint8Array.from({ length: MAX_MESSAGE }, (_, i) => i & 0xff);
    const packets = framePackets(CID, 0x10, payload);
    expect(packets).toHaveLength(129);
    expect(packets.every((p) => p.length === REPORT_SIZE)).toBe(true);
    expect(Buffer.from(packets[0]!.subarray(0, 7)).toString('hex')).toBe('0102030490' + '1db9');
    expect(packets[128]![4]).toBe(127);
    expect(reassemble(packets)?.payload).toEqual(payload);
  });

  it('refuses to frame more than 7609 bytes', () => {
    expect(() => framePackets(CID, 0x10, new Uint8Array(MAX_MESSAGE + 1))).toThrow(CtapError);
  });

  it('round-trips any payload size', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 600 }),
        fc.integer({ min: 0, max: 0x7f }),
        (payload, cmd) => {
          const msg = reassemble(framePackets(CID, cmd, payload));
          expect(msg).toEqual({ cid: CID, cmd, payload });
        },
      ),
    );
  });

  it('ignores other channels, rejects wrong sequence and stray continuations', () => {
    const packets = framePackets(CID, 0x10, new Uint8Array(200));
    expect(reassemble(framePackets(0x99, 0x10, new Uint8Array(3)))).toBeUndefined();
    expect(() => reassemble([packets[0]!, packets[2]!])).toThrow(/expected 0/);
    expect(() => reassemble([packets[1]!])).toThrow(/without an init/);
    expect(() => reassemble([packets[0]!, packets[0]!])).toThrow(CtapError);
  });

  it('rejects a declared length over 7609 with INVALID_LEN', () => {
    const p = framePackets(CID, 0x10, new Uint8Array(1))[0]!;
    p[5] = 0xff;
    p[6] = 0xff;
    try {
      reassemble([p]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CtapError);
      expect((e as CtapError).status).toBe(0x03);
    }
  });

  it('INIT reply: nonce must match; reserved channels are refused', () => {
    const nonce = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
    const payload = encodeInitReply(nonce, {
      cid: 7,
      protocolVersion: 2,
      deviceVersion: [1, 2, 3],
      capabilities: 5,
    });
    expect(parseInitReply(payload, nonce)).toEqual({
      cid: 7,
      protocolVersion: 2,
      deviceVersion: [1, 2, 3],
      capabilities: 5,
    });
    expect(parseInitReply(payload, new Uint8Array(8))).toBeUndefined();
    expect(() =>
      parseInitReply(
        encodeInitReply(nonce, {
          cid: 0xffffffff,
          protocolVersion: 2,
          deviceVersion: [0, 0, 0],
          capabilities: 0,
        }),
        nonce,
      ),
    ).toThrow(CtapError);
    expect(() => parseInitReply(payload.subarray(0, 16), nonce)).toThrow(CtapError);
  });

  it('random reports into the reassembler give messages or CtapErrors only', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ minLength: 60, maxLength: 66 }), { maxLength: 40 }),
        (reports) => {
          const r = new Reassembler(CID);
          for (const report of reports) {
            if (report.length >= 4) report.set([1, 2, 3, 4]);
            try {
              r.push(parsePacket(report));
            } catch (e) {
              expect(e).toBeInstanceOf(CtapError);
            }
          }
        },
      ),
    );
  });
});
