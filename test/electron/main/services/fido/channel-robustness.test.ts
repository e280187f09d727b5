import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCbor, type CborValue } from '../../../../../shared/ctap/cbor';
import { CtapError } from '../../../../../shared/ctap/errors';
import {
  BROADCAST_CID,
  CtapHidCmd,
  KeepaliveStatus,
  encodeInitReply,
  framePackets,
  parsePacket,
} from '../../../../../shared/ctap/hid-frame';
import { CtapHidChannel } from '../../../../../electron/main/services/fido/ctaphid-channel';
import { Ctap2Client } from '../../../../../electron/main/services/fido/ctap2-client';
import { U2fClient } from '../../../../../electron/main/services/fido/u2f-client';
import { createMemoryPipe } from '../../../../../electron/main/services/fido/memory-transport';
import type { Clock, HidTransport } from '../../../../../electron/main/services/fido/transport';
import { connectSoftKey } from '../../../../support/soft-authenticator/connect';

const mcArgs = {
  clientDataHash: new Uint8Array(32),
  rp: { id: 'konto.example' },
  user: { id: Uint8Array.of(1) },
};
let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup) await c();
  cleanup = [];
});

/** A clock that jumps `step` ms on every reading: deadlines of 30 s pass after a few real milliseconds. */
const jumpingClock = (step: number): Clock => {
  let t = 0;
  return { now: () => (t += step) };
};

/**
 * A scripted device on the pipe: answers INIT properly (channel 0x0badcafe), then answers every other
 * request with whatever `replies` returns — the stand-in for a broken or malicious key.
 */
function scriptedDevice(
  device: HidTransport,
  replies: (request: ReturnType<typeof parsePacket>) => Uint8Array[],
): void {
  void (async () => {
    for (;;) {
      let report;
      try {
        report = await device.read(50);
      } catch {
        return;
      }
      if (!report) continue;
      const packet = parsePacket(report);
      const out =
        packet.kind === 'init' && packet.cmd === CtapHidCmd.INIT && packet.cid === BROADCAST_CID
          ? framePackets(
              BROADCAST_CID,
              CtapHidCmd.INIT,
              encodeInitReply(packet.data.subarray(0, 8), {
                cid: 0x0badcafe,
                protocolVersion: 2,
                deviceVersion: [1, 0, 0],
                capabilities: 0x05,
              }),
            )
          : replies(packet);
      for (const r of out) await device.write(r).catch(() => undefined);
    }
  })();
}

async function scripted(
  replies: (request: ReturnType<typeof parsePacket>) => Uint8Array[],
  clock = jumpingClock(20),
) {
  const { host, device } = createMemoryPipe();
  scriptedDevice(device, replies);
  cleanup.push(() => host.close());
  const channel = await CtapHidChannel.open(host, { clock, pollMs: 5, busyBackoffMs: 1 });
  return new Ctap2Client(channel);
}

describe('CTAPHID channel: touch, cancel, timeouts, busy, removal', () => {
  it('surfaces KEEPALIVE UPNEEDED while the key waits for a touch', async () => {
    const key = await connectSoftKey({}, { touch: { mode: 'after', ms: 150 }, keepaliveMs: 20 });
    cleanup.push(key.stop);
    const seen: number[] = [];
    await key.ctap.makeCredential(mcArgs, { onKeepalive: (s) => seen.push(s) });
    expect(seen.length).toBeGreaterThan(1);
    expect(new Set(seen)).toEqual(new Set([KeepaliveStatus.UP_NEEDED]));
  });

  it('cancel sends CANCEL, ends as cancelled, and the next request gets its own reply', async () => {
    const key = await connectSoftKey({}, { touch: { mode: 'never' }, keepaliveMs: 10 });
    cleanup.push(key.stop);
    const abort = new AbortController();
    const error = await key.ctap
      .makeCredential(mcArgs, { signal: abort.signal, onKeepalive: () => abort.abort() })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CtapError);
    expect((error as CtapError).code).toBe('cancelled');
    expect((await key.ctap.info()).versions).toContain('FIDO_2_1');
  });

  it('no touch: ends as key-timeout at the deadline (injected clock, no real 30 s wait)', async () => {
    const key = await connectSoftKey(
      {},
      { touch: { mode: 'never' }, keepaliveMs: 5 },
      { clock: jumpingClock(1000), pollMs: 5 },
    );
    cleanup.push(key.stop);
    await expect(key.ctap.makeCredential(mcArgs)).rejects.toMatchObject({ code: 'key-timeout' });
  });

  it('CHANNEL_BUSY is retried with back-off until the key is free', async () => {
    let busy = 3;
    const info = encodeCbor(
      new Map<number, CborValue>([
        [1, ['FIDO_2_0']],
        [3, new Uint8Array(16)],
      ]),
    );
    const ctap = await scripted((p) =>
      busy-- > 0
        ? framePackets(p.cid, CtapHidCmd.ERROR, Uint8Array.of(0x06))
        : framePackets(p.cid, CtapHidCmd.CBOR, Uint8Array.of(0, ...info)),
    );
    expect((await ctap.info()).versions).toEqual(['FIDO_2_0']);
    expect(busy).toBe(-1);
  });

  it('busy for too long ends as key-busy', async () => {
    const ctap = await scripted((p) => framePackets(p.cid, CtapHidCmd.ERROR, Uint8Array.of(0x06)));
    await expect(ctap.info()).rejects.toMatchObject({ code: 'key-busy' });
  });

  it('a key unplugged mid-operation ends as key-removed', async () => {
    const key = await connectSoftKey({}, { touch: { mode: 'never' }, keepaliveMs: 10 });
    const pending = key.ctap.makeCredential(mcArgs, { onKeepalive: () => void key.stop() });
    await expect(pending).rejects.toMatchObject({ code: 'key-removed' });
  });

  it('endless keepalive ends at the deadline', async () => {
    const ctap = await scripted((p) =>
      Array.from(
        { length: 20 },
        () => framePackets(p.cid, CtapHidCmd.KEEPALIVE, Uint8Array.of(1))[0]!,
      ),
    );
    await expect(ctap.info()).rejects.toMatchObject({ code: 'key-timeout' });
  });

  it('replies only on another channel: ignored, then timeout', async () => {
    const ctap = await scripted(() => framePackets(0x12345678, CtapHidCmd.CBOR, Uint8Array.of(0)));
    await expect(ctap.info()).rejects.toMatchObject({ code: 'key-timeout' });
  });

  it('wrong continuation sequence and bad CBOR are key-protocol errors', async () => {
    const seqBroken = await scripted((p) => {
      const packets = framePackets(p.cid, CtapHidCmd.CBOR, new Uint8Array(200));
      return [packets[0]!, packets[2]!];
    });
    await expect(seqBroken.info()).rejects.toMatchObject({ code: 'key-protocol' });
    const badCbor = await scripted((p) =>
      framePackets(p.cid, CtapHidCmd.CBOR, Uint8Array.of(0, 0xa1, 0x01)),
    );
    await expect(badCbor.info()).rejects.toMatchObject({ code: 'key-protocol' });
  });

  it('fuzzed device replies: every operation ends, only ever in a CtapError or a valid result', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.boolean(), fc.uint8Array({ minLength: 64, maxLength: 64 })), {
          maxLength: 12,
        }),
        async (frames) => {
          const ctap = await scripted((p) =>
            frames.map(([ours, f]) => {
              const r = f.slice();
              if (ours) new DataView(r.buffer).setUint32(0, p.cid);
              return r;
            }),
          );
          try {
            await ctap.info();
          } catch (e) {
            expect(e).toBeInstanceOf(CtapError);
          }
          await ctap.channel.close();
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('U2F check-only probe against a key that misbehaves', () => {
  it('a key that signs a check-only request is key-protocol; any other status word is the key’s refusal, not a match', async () => {
    let word = [0x90, 0x00];
    const ctap = await scripted((p) =>
      framePackets(p.cid, CtapHidCmd.MSG, Uint8Array.of(1, 0, 0, 0, 1, ...word)),
    );
    const u2f = new U2fClient(ctap.channel);
    await expect(u2f.holds(new Uint8Array(32), new Uint8Array(32))).rejects.toMatchObject({
      code: 'key-protocol',
    });
    word = [0x67, 0x00];
    await expect(u2f.holds(new Uint8Array(32), new Uint8Array(32))).rejects.toMatchObject({
      code: 'key-refused',
      params: { status: 0x6700 },
    });
  });
});
