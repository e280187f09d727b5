import type { CborMap } from './cbor';
import { asArray, asBoolRecord, asBytes, asInt, asText, optional, required } from './fields';
import type { CborValue } from './cbor';
import { malformed } from './errors';

/** What authenticatorGetInfo says about a key: the basis of every later choice the client makes. */
export interface AuthenticatorInfo {
  readonly versions: readonly string[];
  readonly extensions: readonly string[];
  readonly aaguid: Uint8Array;
  readonly options: Readonly<Record<string, boolean>>;
  readonly maxMsgSize?: number;
  readonly pinUvAuthProtocols: readonly number[];
  readonly maxCredentialCountInList?: number;
  readonly maxCredentialIdLength?: number;
  readonly transports: readonly string[];
  readonly minPinLength?: number;
  readonly firmwareVersion?: number;
  readonly remainingDiscoverableCredentials?: number;
}

const textList = (v: CborValue, what: string): string[] =>
  asArray(v, what).map((x) => asText(x, what));
const intList = (v: CborValue, what: string): number[] =>
  asArray(v, what).map((x) => asInt(x, what));

/** Parses a GetInfo reply map. Throws only CtapError. */
export function parseInfo(map: CborMap): AuthenticatorInfo {
  const aaguid = required(map, 3, asBytes, 'aaguid');
  if (aaguid.length !== 16) throw malformed('aaguid is not 16 bytes');
  return {
    versions: required(map, 1, textList, 'versions'),
    extensions: optional(map, 2, textList, 'extensions') ?? [],
    aaguid,
    options: optional(map, 4, asBoolRecord, 'options') ?? {},
    maxMsgSize: optional(map, 5, asInt, 'maxMsgSize'),
    pinUvAuthProtocols: optional(map, 6, intList, 'pinUvAuthProtocols') ?? [],
    maxCredentialCountInList: optional(map, 7, asInt, 'maxCredentialCountInList'),
    maxCredentialIdLength: optional(map, 8, asInt, 'maxCredentialIdLength'),
    transports: optional(map, 9, textList, 'transports') ?? [],
    minPinLength: optional(map, 0x0d, asInt, 'minPINLength'),
    firmwareVersion: optional(map, 0x0e, asInt, 'firmwareVersion'),
    remainingDiscoverableCredentials: optional(
      map,
      0x14,
      asInt,
      'remainingDiscoverableCredentials',
    ),
  };
}

/**
 * The credential-management command byte GetInfo allows: 0x0A when `credMgmt` is set, the preview
 * 0x41 when only `credentialMgmtPreview` is (python-fido2 credman.py does the same), else undefined.
 */
export function credMgmtCommand(info: AuthenticatorInfo): number | undefined {
  if (info.options.credMgmt) return 0x0a;
  if (info.options.credentialMgmtPreview) return 0x41;
  return undefined;
}

/** The PIN/UV auth protocol to use: 2 when offered, else 1, else undefined (older keys default to 1). */
export function preferredPinProtocol(info: AuthenticatorInfo): 1 | 2 | undefined {
  if (info.pinUvAuthProtocols.includes(2)) return 2;
  if (info.pinUvAuthProtocols.includes(1) || info.options.clientPin !== undefined) return 1;
  return undefined;
}
