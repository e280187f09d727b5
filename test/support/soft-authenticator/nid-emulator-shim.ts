import { AuthenticationEmulatorError, AuthenticatorEmulator } from 'nid-webauthn-emulator';
import type { CtapBackend } from './soft-ctaphid';
import type { RequestContext } from './presence';

/**
 * Puts nid-webauthn-emulator (an independent CTAP2 authenticator that speaks CBOR only) behind our
 * CTAPHID layer, so our client can talk to an authenticator we did not write. U2F is answered with
 * "INS not supported"; the emulator itself has no user presence step, so none is waited for.
 */
export class NidEmulatorBackend implements CtapBackend {
  readonly ctap2 = true;
  winks = 0;
  readonly emulator = new AuthenticatorEmulator();

  async handleCbor(payload: Uint8Array, _ctx: RequestContext): Promise<Uint8Array> {
    try {
      const reply = this.emulator.command({
        command: payload[0] as never,
        data: payload.length > 1 ? new Uint8Array(payload.subarray(1)) : undefined,
      });
      return Uint8Array.of(reply.status, ...(reply.data ?? []));
    } catch (e) {
      if (e instanceof AuthenticationEmulatorError) return Uint8Array.of(e.status);
      return Uint8Array.of(0x7f);
    }
  }

  handleMsg(): Uint8Array {
    return Uint8Array.of(0x6d, 0x00);
  }
}
