import {
  decryptToken,
  encodeChangePin,
  encodeGetKeyAgreement,
  encodeGetPinRetries,
  encodeGetPinToken,
  encodeSetPin,
  parseClientPin,
} from '../../../../shared/ctap/client-pin';
import { CtapError } from '../../../../shared/ctap/errors';
import { preferredPinProtocol } from '../../../../shared/ctap/info';
import { encapsulate, pinProtocol, type PinProtocol } from '../../../../shared/ctap/pin-protocol';
import type { Ctap2Client } from './ctap2-client';

/** A pinUvAuthToken with the protocol it belongs to (needed to authenticate with it). */
export interface PinToken {
  readonly protocol: PinProtocol;
  readonly token: Uint8Array;
}

/**
 * ClientPIN on top of a Ctap2Client: protocol 2 when the key offers it, else 1; a fresh key agreement
 * for every operation (keys rotate theirs after a wrong PIN). PINs are only passed through, never kept.
 */
export class PinClient {
  constructor(private readonly ctap: Ctap2Client) {}

  /** The PIN protocol this key should be spoken to with. */
  async protocol(): Promise<PinProtocol> {
    const version = preferredPinProtocol(await this.ctap.info());
    if (!version) throw new CtapError('unsupported', 'the key has no PIN support');
    return pinProtocol(version);
  }

  private async agreement(p: PinProtocol) {
    const reply = parseClientPin(await this.ctap.cbor(encodeGetKeyAgreement(p.version)));
    return encapsulate(p, reply.keyAgreement);
  }

  /** Remaining PIN attempts before the key blocks. */
  async retries(): Promise<number> {
    const p = await this.protocol();
    const reply = parseClientPin(await this.ctap.cbor(encodeGetPinRetries(p.version)));
    if (reply.pinRetries === undefined)
      throw new CtapError('malformed', 'getPINRetries reply without pinRetries');
    return reply.pinRetries;
  }

  /** Sets the first PIN (the key refuses if one is set). Length follows the key's minPINLength. */
  async setPin(pin: string): Promise<void> {
    const p = await this.protocol();
    const { keyAgreement, shared } = await this.agreement(p);
    await this.ctap.cbor(
      encodeSetPin(p, shared, keyAgreement, pin, (await this.ctap.info()).minPinLength),
    );
    await this.ctap.info(true);
  }

  /** Changes the PIN; a wrong old PIN costs one retry. */
  async changePin(oldPin: string, newPin: string): Promise<void> {
    const p = await this.protocol();
    const { keyAgreement, shared } = await this.agreement(p);
    await this.ctap.cbor(
      encodeChangePin(
        p,
        shared,
        keyAgreement,
        oldPin,
        newPin,
        (await this.ctap.info()).minPinLength,
      ),
    );
  }

  /**
   * A token for the given permissions (CTAP 2.1 keys) or the legacy all-purpose token (2.0 keys that
   * do not advertise pinUvAuthToken).
   */
  async token(pin: string, permissions: number, rpId?: string): Promise<PinToken> {
    const info = await this.ctap.info();
    const p = await this.protocol();
    const { keyAgreement, shared } = await this.agreement(p);
    const withPermissions = info.options.pinUvAuthToken === true;
    const map = await this.ctap.cbor(
      encodeGetPinToken(
        p,
        shared,
        keyAgreement,
        pin,
        withPermissions ? permissions : undefined,
        withPermissions ? rpId : undefined,
      ),
    );
    return { protocol: p, token: decryptToken(p, shared, map) };
  }
}
