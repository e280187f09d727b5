import type { CborMap } from '../../../../shared/ctap/cbor';
import { Ctap2Cmd, decodeResponse, encodeRequest } from '../../../../shared/ctap/commands';
import { CtapError } from '../../../../shared/ctap/errors';
import {
  GET_NEXT_ASSERTION,
  encodeGetAssertion,
  parseAssertion,
  type Assertion,
  type GetAssertionArgs,
} from '../../../../shared/ctap/get-assertion';
import { Capability, CtapHidCmd } from '../../../../shared/ctap/hid-frame';
import { parseInfo, type AuthenticatorInfo } from '../../../../shared/ctap/info';
import {
  encodeMakeCredential,
  parseMakeCredential,
  type Attestation,
  type MakeCredentialArgs,
} from '../../../../shared/ctap/make-credential';
import type { CtapHidChannel, TransactOptions } from './ctaphid-channel';

/** How long a request that needs a touch may take before we give up (CTAP keys time out near 30 s). */
export const TOUCH_TIMEOUT_MS = 30_000;

/**
 * CTAP2 operations over one CTAPHID channel: each builds its request with shared/ctap, sends it as
 * CTAPHID_CBOR and parses the reply strictly. Touch-requiring calls get the long deadline and report
 * keepalives through `options.onKeepalive`.
 */
export class Ctap2Client {
  private cachedInfo: AuthenticatorInfo | undefined;

  constructor(readonly channel: CtapHidChannel) {}

  /** True when INIT advertised CTAP2 (the CBOR capability). */
  get supportsCtap2(): boolean {
    return (this.channel.device.capabilities & Capability.CBOR) !== 0;
  }

  /** True when the key still speaks U2F (NMSG clear). */
  get supportsU2f(): boolean {
    return (this.channel.device.capabilities & Capability.NMSG) === 0;
  }

  /** Sends one CBOR request and returns the parsed reply map (status errors thrown as CtapError). */
  async cbor(request: Uint8Array, options: TransactOptions = {}): Promise<CborMap> {
    if (!this.supportsCtap2) throw new CtapError('unsupported', 'the key does not speak CTAP2');
    return decodeResponse(await this.channel.transact(CtapHidCmd.CBOR, request, options));
  }

  /** authenticatorGetInfo; `fresh` re-reads it (PIN state changes after setPin/reset). */
  async info(fresh = false): Promise<AuthenticatorInfo> {
    if (!this.cachedInfo || fresh)
      this.cachedInfo = parseInfo(await this.cbor(Uint8Array.of(Ctap2Cmd.GET_INFO)));
    return this.cachedInfo;
  }

  /** authenticatorMakeCredential (needs a touch). */
  async makeCredential(
    args: MakeCredentialArgs,
    options: TransactOptions = {},
  ): Promise<Attestation> {
    return parseMakeCredential(
      await this.cbor(encodeMakeCredential(args), { timeoutMs: TOUCH_TIMEOUT_MS, ...options }),
    );
  }

  /** authenticatorGetAssertion followed by GetNextAssertion for every further credential. */
  async getAssertions(args: GetAssertionArgs, options: TransactOptions = {}): Promise<Assertion[]> {
    const first = parseAssertion(
      await this.cbor(encodeGetAssertion(args), { timeoutMs: TOUCH_TIMEOUT_MS, ...options }),
    );
    const all = [first];
    const total = Math.min(first.numberOfCredentials ?? 1, 256);
    while (all.length < total)
      all.push(parseAssertion(await this.cbor(GET_NEXT_ASSERTION, options)));
    return all;
  }

  /** authenticatorReset: the key allows it only shortly after plug-in and wants a touch. */
  async reset(options: TransactOptions = {}): Promise<void> {
    await this.cbor(encodeRequest(Ctap2Cmd.RESET), { timeoutMs: TOUCH_TIMEOUT_MS, ...options });
    this.cachedInfo = undefined;
  }

  /** authenticatorSelection: "touch the key you mean" (CTAP 2.1). */
  async selection(options: TransactOptions = {}): Promise<void> {
    await this.cbor(encodeRequest(Ctap2Cmd.SELECTION), { timeoutMs: TOUCH_TIMEOUT_MS, ...options });
  }

  /** CTAPHID_WINK: let the key blink so the user sees which one it is. */
  async wink(): Promise<void> {
    await this.channel.transact(CtapHidCmd.WINK, new Uint8Array(0));
  }
}
