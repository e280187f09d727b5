import { randomBytes } from '@noble/hashes/utils.js';
import { encodeCbor, type CborMap, type CborValue } from '../../../shared/ctap/cbor';
import { Ctap2Cmd, decodeRequest } from '../../../shared/ctap/commands';
import { CtapError, Status } from '../../../shared/ctap/errors';
import { getAssertion, getNextAssertion, makeCredential, type CredentialCore } from './make-assert';
import type { RequestContext } from './presence';
import { credentialManagement, RESIDENT_CAPACITY, type CredMgmtState } from './soft-cred-mgmt';
import { SoftPin } from './soft-pin';
import { handleU2f, newU2fIdentity, type U2fIdentity } from './soft-u2f';
import { CredentialStore } from './store';

/** Which features the simulated key advertises, to exercise the client's choices. */
export interface SoftAuthenticatorOptions {
  /** 'full' → options.credMgmt (0x0A); 'preview' → only credentialMgmtPreview (0x41). */
  readonly credMgmt?: 'full' | 'preview';
  readonly pinProtocols?: readonly number[];
  /** false: a U2F-only key (INIT without the CBOR capability). */
  readonly ctap2?: boolean;
  /** Reset is allowed only within this long after power-up (real keys: about 10 s; 0 = never). */
  readonly resetWindowMs?: number;
  readonly aaguid?: Uint8Array;
}

/**
 * The CTAP2 + U2F logic of the in-repo software authenticator: a test double for a physical key (none
 * can exist in CI), validated independently by python-fido2 over UDP (test/support/soft-authenticator/
 * python-fido2-check.py). The CTAPHID layer on top is soft-ctaphid.ts.
 */
export class SoftAuthenticator {
  readonly store = new CredentialStore();
  readonly pin = new SoftPin();
  readonly core: CredentialCore;
  private readonly credMgmtState: CredMgmtState = {};
  private readonly u2f: U2fIdentity = newU2fIdentity();
  private poweredAt = Date.now();
  winks = 0;

  constructor(readonly options: SoftAuthenticatorOptions = {}) {
    this.core = { store: this.store, pin: this.pin, aaguid: options.aaguid ?? randomBytes(16) };
  }

  /** True when the key speaks CTAP2 (else U2F only). */
  get ctap2(): boolean {
    return this.options.ctap2 !== false;
  }

  /** Simulates unplug and replug: PIN auth-block lifted, reset window reopened. */
  powerCycle(): void {
    this.pin.powerCycle();
    this.poweredAt = Date.now();
    this.core.nextAssertions = undefined;
  }

  /** authenticatorGetInfo reply. */
  info(): Map<number, CborValue> {
    const options: Record<string, boolean> = {
      rk: true,
      up: true,
      plat: false,
      clientPin: this.pin.isSet,
      pinUvAuthToken: true,
    };
    if (this.options.credMgmt === 'preview') options.credentialMgmtPreview = true;
    else options.credMgmt = true;
    return new Map<number, CborValue>([
      [1, ['U2F_V2', 'FIDO_2_0', 'FIDO_2_1']],
      [2, []],
      [3, this.core.aaguid],
      [4, options],
      [5, 7609],
      [6, [...(this.options.pinProtocols ?? [2, 1])]],
      [9, ['usb']],
      [0x0a, [{ alg: -7, type: 'public-key' }]],
      [0x0d, this.pin.minLength],
      [0x14, RESIDENT_CAPACITY - this.store.resident().length],
    ]);
  }

  /** Handles one CTAPHID_CBOR payload; the reply is status byte ‖ CBOR. Never throws. */
  async handleCbor(payload: Uint8Array, ctx: RequestContext): Promise<Uint8Array> {
    try {
      let request;
      try {
        request = decodeRequest(payload);
      } catch {
        return Uint8Array.of(Status.INVALID_CBOR);
      }
      const reply = await this.dispatch(request.cmd, request.params, ctx);
      return reply.size === 0 ? Uint8Array.of(0) : Uint8Array.of(0, ...encodeCbor(reply));
    } catch (e) {
      if (e instanceof CtapError && e.kind === 'status' && e.status !== undefined)
        return Uint8Array.of(e.status);
      if (e instanceof CtapError) return Uint8Array.of(Status.INVALID_PARAMETER);
      return Uint8Array.of(0x7f);
    }
  }

  private async dispatch(
    cmd: number,
    params: CborMap,
    ctx: RequestContext,
  ): Promise<Map<number, CborValue>> {
    switch (cmd) {
      case Ctap2Cmd.GET_INFO:
        return this.info();
      case Ctap2Cmd.MAKE_CREDENTIAL:
        return makeCredential(this.core, params, ctx);
      case Ctap2Cmd.GET_ASSERTION:
        return getAssertion(this.core, params, ctx);
      case Ctap2Cmd.GET_NEXT_ASSERTION:
        return getNextAssertion(this.core);
      case Ctap2Cmd.CLIENT_PIN:
        return this.pin.handle(params);
      case Ctap2Cmd.CREDENTIAL_MANAGEMENT:
      case Ctap2Cmd.CREDENTIAL_MANAGEMENT_PREVIEW:
        return credentialManagement(this.core, this.credMgmtState, params);
      case Ctap2Cmd.RESET:
        return this.reset(ctx);
      case Ctap2Cmd.SELECTION:
        await ctx.waitForTouch();
        return new Map();
      default:
        throw CtapError.fromStatus(Status.INVALID_COMMAND);
    }
  }

  private async reset(ctx: RequestContext): Promise<Map<number, CborValue>> {
    if (Date.now() - this.poweredAt >= (this.options.resetWindowMs ?? 10_000))
      throw CtapError.fromStatus(Status.NOT_ALLOWED);
    await ctx.waitForTouch();
    this.store.clear();
    this.pin.reset();
    return new Map();
  }

  /** Handles one CTAPHID_MSG APDU; the reply ends in a status word. */
  handleMsg(apdu: Uint8Array, ctx: RequestContext): Uint8Array {
    return handleU2f(this.store, this.u2f, apdu, ctx);
  }
}
