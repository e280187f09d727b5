import { randomBytes } from '@noble/hashes/utils.js';
import { CtapError } from '../../../../shared/ctap/errors';
import {
  BROADCAST_CID,
  CtapHidCmd,
  CtapHidError,
  framePackets,
  parseInitReply,
  parsePacket,
  Reassembler,
  type InitReply,
} from '../../../../shared/ctap/hid-frame';
import { systemClock, type Clock, type HidTransport } from './transport';

/** Timing knobs; tests shrink them or inject a clock that jumps. */
export interface ChannelOptions {
  readonly clock?: Clock;
  /** How long one read waits before the deadline is checked again. */
  readonly pollMs?: number;
  /** Deadline for requests that need no touch (INIT, PING, GetInfo …). */
  readonly replyTimeoutMs?: number;
  /** How often CHANNEL_BUSY is retried, with growing pauses, before giving up as `busy`. */
  readonly busyRetries?: number;
  readonly busyBackoffMs?: number;
  readonly random?: (n: number) => Uint8Array;
}

/** Per-request options: how long to wait (e.g. for a touch), keepalive callback, cancellation. */
export interface TransactOptions {
  readonly timeoutMs?: number;
  /** Called for every KEEPALIVE; status 2 (UPNEEDED) is when the UI says "touch your key". */
  readonly onKeepalive?: (status: number) => void;
  readonly signal?: AbortSignal;
}

/** How long a cancelled or timed-out request may still take to send its final reply. */
const CANCEL_GRACE_MS = 1000;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * One CTAPHID channel on a device: INIT with nonce check, framed requests, reassembled replies with
 * KEEPALIVE skipped (and surfaced), CANCEL on abort or deadline, CHANNEL_BUSY back-off. Every request
 * ends within its deadline whatever the device sends: endless keepalives, other channels' traffic,
 * broken sequences and bad lengths all end in a CtapError.
 */
export class CtapHidChannel {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly transport: HidTransport,
    readonly device: InitReply,
    private readonly o: Required<Omit<ChannelOptions, 'clock' | 'random'>> & { clock: Clock },
  ) {}

  /** Allocates a channel: INIT on the broadcast channel, skipping replies with a foreign nonce. */
  static async open(
    transport: HidTransport,
    options: ChannelOptions = {},
  ): Promise<CtapHidChannel> {
    const o = {
      clock: options.clock ?? systemClock,
      pollMs: options.pollMs ?? 100,
      replyTimeoutMs: options.replyTimeoutMs ?? 3000,
      busyRetries: options.busyRetries ?? 5,
      busyBackoffMs: options.busyBackoffMs ?? 50,
    };
    const nonce = (options.random ?? randomBytes)(8);
    const deadline = o.clock.now() + o.replyTimeoutMs;
    for (const p of framePackets(BROADCAST_CID, CtapHidCmd.INIT, nonce)) await transport.write(p);
    for (;;) {
      const reply = await readMessage(
        transport,
        new Reassembler(BROADCAST_CID),
        deadline,
        o.clock,
        o.pollMs,
      );
      if (!reply) throw new CtapError('timeout', 'the key did not answer');
      if (reply.cmd === CtapHidCmd.ERROR) throw hidError(reply.payload);
      if (reply.cmd !== CtapHidCmd.INIT) continue;
      const init = parseInitReply(reply.payload, nonce);
      if (init) return new CtapHidChannel(transport, init, o);
    }
  }

  /** The channel id the device assigned. */
  get cid(): number {
    return this.device.cid;
  }

  /** Sends one request and returns the reply payload; requests on a channel run one at a time. */
  transact(cmd: number, payload: Uint8Array, options: TransactOptions = {}): Promise<Uint8Array> {
    const run = this.queue.then(() => this.withBusyRetry(cmd, payload, options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Closes the underlying transport. */
  close(): Promise<void> {
    return this.transport.close();
  }

  private async withBusyRetry(
    cmd: number,
    payload: Uint8Array,
    options: TransactOptions,
  ): Promise<Uint8Array> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.once(cmd, payload, options);
      } catch (e) {
        const busy =
          e instanceof CtapError && e.kind === 'hid' && e.status === CtapHidError.CHANNEL_BUSY;
        if (!busy) throw e;
        if (attempt >= this.o.busyRetries)
          throw new CtapError('busy', 'the key stayed busy with another channel');
        await sleep(this.o.busyBackoffMs * (attempt + 1));
      }
    }
  }

  private async once(
    cmd: number,
    payload: Uint8Array,
    options: TransactOptions,
  ): Promise<Uint8Array> {
    if (options.signal?.aborted) throw new CtapError('cancelled', 'cancelled before sending');
    const { clock, pollMs } = this.o;
    await this.drain();
    let deadline = clock.now() + (options.timeoutMs ?? this.o.replyTimeoutMs);
    for (const p of framePackets(this.cid, cmd, payload)) await this.transport.write(p);
    const reassembler = new Reassembler(this.cid);
    let stopped: 'timeout' | 'cancelled' | undefined;
    const stop = (): CtapError =>
      new CtapError(
        stopped ?? 'timeout',
        stopped === 'cancelled'
          ? 'cancelled by the user'
          : 'no reply before the deadline (touch not given?)',
      );
    for (;;) {
      if (!stopped && (options.signal?.aborted || clock.now() >= deadline)) {
        // CANCEL, then give the key a moment to answer the cancelled request (KEEPALIVE_CANCEL), so that
        // its late reply is not mistaken for the answer to the next request.
        stopped = options.signal?.aborted ? 'cancelled' : 'timeout';
        await this.cancel();
        deadline = clock.now() + CANCEL_GRACE_MS;
      }
      if (stopped && clock.now() >= deadline) throw stop();
      const message = await readMessage(
        this.transport,
        reassembler,
        Math.min(deadline, clock.now() + pollMs),
        clock,
        pollMs,
      );
      if (!message) continue;
      if (message.cmd === CtapHidCmd.KEEPALIVE) {
        if (!stopped) options.onKeepalive?.(message.payload[0] ?? 0);
        continue;
      }
      if (message.cmd === CtapHidCmd.ERROR) throw hidError(message.payload);
      if (message.cmd !== cmd)
        throw new CtapError(
          'malformed',
          `reply command 0x${message.cmd.toString(16)} to request 0x${cmd.toString(16)}`,
        );
      if (stopped) throw stop();
      return message.payload;
    }
  }

  /** Drops reports left over from an earlier, abandoned exchange. */
  private async drain(): Promise<void> {
    for (let i = 0; i < 256 && (await this.transport.read(0)); i++);
  }

  private async cancel(): Promise<void> {
    try {
      await this.transport.write(
        framePackets(this.cid, CtapHidCmd.CANCEL, new Uint8Array(0))[0] ?? new Uint8Array(64),
      );
    } catch {
      // The key may already be gone; the caller's error says why we stopped.
    }
  }
}

function hidError(payload: Uint8Array): CtapError {
  const code = payload[0] ?? CtapHidError.OTHER;
  return new CtapError('hid', `CTAPHID error 0x${code.toString(16)}`, code);
}

/**
 * Reads reports until one whole message for the reassembler's channel arrives; undefined once `until`
 * passes (the caller decides whether that is a timeout or a turn of its own loop).
 */
async function readMessage(
  transport: HidTransport,
  r: Reassembler,
  until: number,
  clock: Clock,
  pollMs: number,
): Promise<{ cmd: number; payload: Uint8Array } | undefined> {
  // At least one read per call, so a clock that jumps (tests) still lets replies through.
  do {
    const left = until - clock.now();
    const report = await transport.read(Math.max(1, Math.min(left, pollMs)));
    if (!report) continue;
    const message = r.push(parsePacket(report));
    if (message) return message;
  } while (clock.now() < until);
  return undefined;
}
