import { concatBytes as concat } from '@noble/hashes/utils.js';
import { CtapError } from '../../../../shared/ctap/errors';
import { CtapHidCmd } from '../../../../shared/ctap/hid-frame';
import {
  encodeApdu,
  parseApduResponse,
  parseU2fAuthentication,
  parseU2fRegistration,
  U2fAuthMode,
  U2fIns,
  U2fSw,
  type U2fAuthentication,
  type U2fRegistration,
} from '../../../../shared/ctap/u2f';
import type { CtapHidChannel } from './ctaphid-channel';
import { systemClock, type Clock } from './transport';
import { TOUCH_TIMEOUT_MS } from './ctap2-client';

/** Options of a U2F call that waits for a touch. */
export interface U2fOptions {
  readonly clock?: Clock;
  readonly pollMs?: number;
  readonly timeoutMs?: number;
  /** Called while the key answers "touch needed" (0x6985). */
  readonly onTouchNeeded?: () => void;
  readonly signal?: AbortSignal;
}

/**
 * The U2F (CTAP1) fallback for keys without CTAP2: REGISTER and AUTHENTICATE over CTAPHID_MSG.
 * U2F keys do not block for a touch; they answer 0x6985 until touched, so we poll until the deadline.
 */
export class U2fClient {
  constructor(private readonly channel: CtapHidChannel) {}

  private async send(ins: number, p1: number, data: Uint8Array): Promise<Uint8Array> {
    return parseApduResponse(
      await this.channel.transact(CtapHidCmd.MSG, encodeApdu(ins, p1, 0, data)),
    );
  }

  private async poll(
    ins: number,
    p1: number,
    data: Uint8Array,
    o: U2fOptions,
  ): Promise<Uint8Array> {
    const clock = o.clock ?? systemClock;
    const deadline = clock.now() + (o.timeoutMs ?? TOUCH_TIMEOUT_MS);
    for (;;) {
      try {
        return await this.send(ins, p1, data);
      } catch (e) {
        if (!(
          e instanceof CtapError &&
          e.kind === 'u2f' &&
          e.status === U2fSw.CONDITIONS_NOT_SATISFIED
        ))
          throw e;
      }
      if (o.signal?.aborted)
        throw new CtapError('cancelled', 'cancelled while waiting for a touch');
      if (clock.now() >= deadline)
        throw new CtapError('timeout', 'the key was not touched in time');
      o.onTouchNeeded?.();
      await new Promise((r) => setTimeout(r, o.pollMs ?? 200));
    }
  }

  /** U2F version string ("U2F_V2"). */
  async version(): Promise<string> {
    return new TextDecoder().decode(await this.send(U2fIns.VERSION, 0, new Uint8Array(0)));
  }

  /** REGISTER: challenge and application parameters are 32-byte hashes. */
  async register(
    challenge: Uint8Array,
    application: Uint8Array,
    o: U2fOptions = {},
  ): Promise<U2fRegistration> {
    return parseU2fRegistration(
      await this.poll(U2fIns.REGISTER, 0, concat(challenge, application), o),
    );
  }

  /**
   * AUTHENTICATE with control byte 0x07 (check-only): does this key hold `keyHandle` for `application`?
   * The key answers 0x6985 (it would sign after a touch) or 0x6A80 (not its handle) at once: no touch,
   * nothing signed. A key that signs anyway breaks the U2F spec and is refused as malformed.
   */
  async holds(application: Uint8Array, keyHandle: Uint8Array): Promise<boolean> {
    if (keyHandle.length === 0 || keyHandle.length > 255) return false;
    const data = concat(
      new Uint8Array(32),
      application,
      Uint8Array.of(keyHandle.length),
      keyHandle,
    );
    try {
      await this.send(U2fIns.AUTHENTICATE, U2fAuthMode.CHECK_ONLY, data);
    } catch (e) {
      if (e instanceof CtapError && e.kind === 'u2f' && e.status === U2fSw.CONDITIONS_NOT_SATISFIED)
        return true;
      if (e instanceof CtapError && e.kind === 'u2f' && e.status === U2fSw.WRONG_DATA) return false;
      throw e;
    }
    throw new CtapError('malformed', 'the key signed a check-only request');
  }

  /** AUTHENTICATE with user presence enforced. */
  async authenticate(
    challenge: Uint8Array,
    application: Uint8Array,
    keyHandle: Uint8Array,
    o: U2fOptions = {},
  ): Promise<U2fAuthentication> {
    if (keyHandle.length > 255)
      throw new CtapError('invalid-argument', 'key handle longer than 255 bytes');
    const data = concat(challenge, application, Uint8Array.of(keyHandle.length), keyHandle);
    return parseU2fAuthentication(
      await this.poll(U2fIns.AUTHENTICATE, U2fAuthMode.ENFORCE, data, o),
    );
  }
}
