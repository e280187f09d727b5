import { CtapError } from '../../../shared/ctap/errors';
import {
  BROADCAST_CID,
  Capability,
  CtapHidCmd,
  CtapHidError,
  encodeInitReply,
  framePackets,
  KeepaliveStatus,
  parsePacket,
  Reassembler,
  type HidMessage,
} from '../../../shared/ctap/hid-frame';
import type { HidTransport } from '../../../electron/main/services/fido/transport';
import { waitForTouch, type RequestContext, type TouchPolicy } from './presence';

/** What sits behind the CTAPHID layer: our SoftAuthenticator, or a shim around another emulator. */
export interface CtapBackend {
  readonly ctap2: boolean;
  winks: number;
  handleCbor(payload: Uint8Array, ctx: RequestContext): Promise<Uint8Array>;
  handleMsg(apdu: Uint8Array, ctx: RequestContext): Uint8Array;
}

/** Knobs of the simulated USB side. */
export interface SoftHidOptions {
  touch?: TouchPolicy;
  keepaliveMs?: number;
  touchTimeoutMs?: number;
}

/**
 * The CTAPHID side of the software authenticator: channel allocation (INIT, resync), reassembly per
 * channel, PING, WINK, CBOR and MSG, KEEPALIVE while waiting for a touch, CANCEL, CHANNEL_BUSY for a
 * second channel while one transaction runs, and ERROR frames for bad framing.
 */
export class SoftCtapHid<B extends CtapBackend = CtapBackend> {
  touch: TouchPolicy;
  private readonly channels = new Map<number, Reassembler>();
  private nextCid = 0x10000001;
  private active: { cid: number; abort: AbortController } | undefined;
  private running = true;
  private readonly loop: Promise<void>;

  constructor(
    readonly authenticator: B,
    private readonly transport: HidTransport,
    private readonly options: SoftHidOptions = {},
  ) {
    this.touch = options.touch ?? { mode: 'auto' };
    this.loop = this.run();
  }

  /** Stops serving and closes the transport (looks like unplugging to the host). */
  async stop(): Promise<void> {
    this.running = false;
    this.active?.abort.abort();
    await this.transport.close();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let report: Uint8Array | undefined;
      try {
        report = await this.transport.read(200);
      } catch {
        return;
      }
      if (report) await this.onReport(report);
    }
  }

  private async send(cid: number, cmd: number, payload: Uint8Array): Promise<void> {
    for (const packet of framePackets(cid, cmd, payload)) {
      try {
        await this.transport.write(packet);
      } catch {
        return;
      }
    }
  }

  private error(cid: number, code: number): Promise<void> {
    return this.send(cid, CtapHidCmd.ERROR, Uint8Array.of(code));
  }

  private async onReport(report: Uint8Array): Promise<void> {
    let packet;
    try {
      packet = parsePacket(report);
    } catch {
      return;
    }
    if (packet.kind === 'init' && packet.cmd === CtapHidCmd.INIT)
      return this.init(packet.cid, packet.data.subarray(0, 8), packet.length);
    if (packet.cid === 0 || packet.cid === BROADCAST_CID || !this.channels.has(packet.cid))
      return this.error(packet.cid, CtapHidError.INVALID_CHANNEL);
    if (packet.kind === 'init' && packet.cmd === CtapHidCmd.CANCEL) {
      if (this.active?.cid === packet.cid) this.active.abort.abort();
      return;
    }
    if (this.active && this.active.cid !== packet.cid)
      return this.error(packet.cid, CtapHidError.CHANNEL_BUSY);
    let message: HidMessage | undefined;
    try {
      message = this.channels.get(packet.cid)?.push(packet);
    } catch (e) {
      this.channels.get(packet.cid)?.reset();
      return this.error(
        packet.cid,
        e instanceof CtapError && typeof e.status === 'number' ? e.status : CtapHidError.OTHER,
      );
    }
    if (message) await this.dispatch(message);
  }

  private async init(cid: number, nonce: Uint8Array, length: number): Promise<void> {
    if (length !== 8) return this.error(cid, CtapHidError.INVALID_LEN);
    if (cid !== BROADCAST_CID && !this.channels.has(cid))
      return this.error(cid, CtapHidError.INVALID_CHANNEL);
    const assigned = cid === BROADCAST_CID ? this.nextCid++ : cid;
    this.channels.get(assigned)?.reset();
    if (this.active?.cid === assigned) this.active.abort.abort();
    this.channels.set(assigned, new Reassembler(assigned));
    const capabilities = Capability.WINK | (this.authenticator.ctap2 ? Capability.CBOR : 0);
    await this.send(
      cid,
      CtapHidCmd.INIT,
      encodeInitReply(nonce, {
        cid: assigned,
        protocolVersion: 2,
        deviceVersion: [1, 0, 0],
        capabilities,
      }),
    );
  }

  private async dispatch(m: HidMessage): Promise<void> {
    switch (m.cmd) {
      case CtapHidCmd.PING:
        return this.send(m.cid, m.cmd, m.payload);
      case CtapHidCmd.WINK:
        this.authenticator.winks++;
        return this.send(m.cid, m.cmd, new Uint8Array(0));
      case CtapHidCmd.MSG:
        return this.send(
          m.cid,
          m.cmd,
          this.authenticator.handleMsg(
            m.payload,
            this.context(m.cid, new AbortController().signal),
          ),
        );
      case CtapHidCmd.CBOR:
        if (!this.authenticator.ctap2) return this.error(m.cid, CtapHidError.INVALID_CMD);
        return this.cbor(m);
      default:
        return this.error(m.cid, CtapHidError.INVALID_CMD);
    }
  }

  /** Runs a CBOR request in the background so CANCEL and other channels are still read meanwhile. */
  private cbor(m: HidMessage): void {
    const abort = new AbortController();
    this.active = { cid: m.cid, abort };
    void this.authenticator
      .handleCbor(m.payload, this.context(m.cid, abort.signal))
      .then(async (reply) => {
        if (this.active?.abort === abort) this.active = undefined;
        if (this.running) await this.send(m.cid, CtapHidCmd.CBOR, reply);
      });
  }

  private context(cid: number, signal: AbortSignal): RequestContext {
    const keepalive = (): void =>
      void this.send(cid, CtapHidCmd.KEEPALIVE, Uint8Array.of(KeepaliveStatus.UP_NEEDED));
    return {
      waitForTouch: () =>
        waitForTouch(
          this.touch,
          signal,
          keepalive,
          this.options.keepaliveMs,
          this.options.touchTimeoutMs,
        ),
      touchedNow: () => this.touch.mode === 'auto',
    };
  }
}
