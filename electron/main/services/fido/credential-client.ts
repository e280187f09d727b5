import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { CborValue } from '../../../../shared/ctap/cbor';
import { Permission } from '../../../../shared/ctap/client-pin';
import {
  CredSub,
  credentialParams,
  encodeCredMgmt,
  parseCredential,
  parseCredsMetadata,
  parseRp,
  rpParams,
  type CredentialEntry,
  type CredsMetadata,
  type RpEntry,
} from '../../../../shared/ctap/cred-mgmt';
import { CtapError, Status, isCtapError } from '../../../../shared/ctap/errors';
import { credMgmtCommand } from '../../../../shared/ctap/info';
import type { Ctap2Client } from './ctap2-client';
import type { PinClient, PinToken } from './pin-client';

/** Resident credentials of one RP as the key manager lists them. */
export interface RpCredentials {
  readonly rp: RpEntry;
  readonly credentials: readonly CredentialEntry[];
}

/** Upper bound on enumeration loops, so a device claiming a huge total cannot keep us looping. */
const MAX_ENTRIES = 1000;

/**
 * CredentialManagement: 0x0A when GetInfo says credMgmt, the preview 0x41 when only
 * credentialMgmtPreview is set. Needs a token with the cm permission.
 */
export class CredentialClient {
  constructor(private readonly ctap: Ctap2Client) {}

  /** A token with the credential-management permission. */
  token(pins: PinClient, pin: string): Promise<PinToken> {
    return pins.token(pin, Permission.CM);
  }

  private async command(): Promise<number> {
    const cmd = credMgmtCommand(await this.ctap.info());
    if (cmd === undefined)
      throw new CtapError('unsupported', 'the key has no credential management');
    return cmd;
  }

  private async call(
    sub: number,
    auth: PinToken | undefined,
    params?: ReadonlyMap<number, CborValue>,
  ) {
    return this.ctap.cbor(encodeCredMgmt(await this.command(), sub, auth, params));
  }

  /** How many discoverable credentials exist and how many more fit. */
  async metadata(auth: PinToken): Promise<CredsMetadata> {
    return parseCredsMetadata(await this.call(CredSub.GET_CREDS_METADATA, auth));
  }

  /** Every RP with its resident credentials; an empty key is an empty list, not an error. */
  async list(auth: PinToken): Promise<RpCredentials[]> {
    const rps: RpEntry[] = [];
    try {
      const first = parseRp(await this.call(CredSub.ENUMERATE_RPS_BEGIN, auth));
      rps.push(first);
      for (let i = 1; i < Math.min(first.total ?? 1, MAX_ENTRIES); i++)
        rps.push(parseRp(await this.call(CredSub.ENUMERATE_RPS_NEXT, undefined)));
    } catch (e) {
      if (isCtapError(e, Status.NO_CREDENTIALS)) return [];
      throw e;
    }
    const out: RpCredentials[] = [];
    for (const rp of rps) {
      const first = parseCredential(
        await this.call(CredSub.ENUMERATE_CREDENTIALS_BEGIN, auth, rpParams(rp.rpIdHash)),
      );
      const credentials = [first];
      for (let i = 1; i < Math.min(first.total ?? 1, MAX_ENTRIES); i++)
        credentials.push(
          parseCredential(await this.call(CredSub.ENUMERATE_CREDENTIALS_NEXT, undefined)),
        );
      out.push({ rp, credentials });
    }
    return out;
  }

  /** Deletes one resident credential by id. */
  async delete(auth: PinToken, credentialId: Uint8Array): Promise<void> {
    await this.call(CredSub.DELETE_CREDENTIAL, auth, credentialParams(credentialId));
  }
}

/** SHA-256 of an RP id (how keys index RPs). */
export function hashRpId(rpId: string): Uint8Array {
  return sha256(utf8ToBytes(rpId));
}
