import { encodeCbor, type CborMap, type CborValue } from './cbor';
import { encodeRequest } from './commands';
import { asBytes, asInt, asMap, asText, optional, required } from './fields';
import { parseUser, type Assertion } from './get-assertion';
import { concatBytes } from '@noble/hashes/utils.js';
import type { PinProtocol } from './pin-protocol';

/** CredentialManagement subcommands (CTAP 2.1 §6.8). */
export const CredSub = {
  GET_CREDS_METADATA: 0x01,
  ENUMERATE_RPS_BEGIN: 0x02,
  ENUMERATE_RPS_NEXT: 0x03,
  ENUMERATE_CREDENTIALS_BEGIN: 0x04,
  ENUMERATE_CREDENTIALS_NEXT: 0x05,
  DELETE_CREDENTIAL: 0x06,
  UPDATE_USER_INFORMATION: 0x07,
} as const;

/** Subcommands that are authenticated with the token (the GetNext ones are not). */
const AUTHENTICATED = new Set<number>([0x01, 0x02, 0x04, 0x06, 0x07]);

/**
 * Builds a CredentialManagement request for `cmd` (0x0A, or 0x41 on preview keys). pinUvAuthParam =
 * authenticate(token, subCommand ‖ CBOR(subCommandParams)).
 */
export function encodeCredMgmt(
  cmd: number,
  sub: number,
  auth?: { protocol: PinProtocol; token: Uint8Array },
  params?: ReadonlyMap<number, CborValue>,
): Uint8Array {
  const needsAuth = AUTHENTICATED.has(sub) && auth;
  const message = params ? concatBytes(Uint8Array.of(sub), encodeCbor(params)) : Uint8Array.of(sub);
  return encodeRequest(
    cmd,
    new Map<number, CborValue | undefined>([
      [1, sub],
      [2, params],
      [3, needsAuth ? auth.protocol.version : undefined],
      [4, needsAuth ? auth.protocol.authenticate(auth.token, message) : undefined],
    ]),
  );
}

/** Parameters selecting an RP by the SHA-256 of its id. */
export function rpParams(rpIdHash: Uint8Array): Map<number, CborValue> {
  return new Map<number, CborValue>([[1, rpIdHash]]);
}

/** Parameters selecting a credential by id. */
export function credentialParams(credentialId: Uint8Array): Map<number, CborValue> {
  return new Map<number, CborValue>([[2, { id: credentialId, type: 'public-key' }]]);
}

/** getCredsMetadata reply. */
export interface CredsMetadata {
  readonly existing: number;
  readonly remaining: number;
}

/** Parses getCredsMetadata. */
export function parseCredsMetadata(map: CborMap): CredsMetadata {
  return {
    existing: required(map, 1, asInt, 'existingResidentCredentialsCount'),
    remaining: required(map, 2, asInt, 'maxPossibleRemainingResidentCredentialsCount'),
  };
}

/** One RP with resident credentials; `total` only on the first reply of an enumeration. */
export interface RpEntry {
  readonly id: string;
  readonly name?: string;
  readonly rpIdHash: Uint8Array;
  readonly total?: number;
}

/** Parses enumerateRPsBegin / GetNextRP. */
export function parseRp(map: CborMap): RpEntry {
  const rp = required(map, 3, asMap, 'rp');
  const name = rp.get('name');
  return {
    id: required(rp, 'id', asText, 'rp.id'),
    name: typeof name === 'string' ? name : undefined,
    rpIdHash: required(map, 4, asBytes, 'rpIDHash'),
    total: optional(map, 5, asInt, 'totalRPs'),
  };
}

/** One resident credential; `total` only on the first reply of an enumeration. */
export interface CredentialEntry {
  readonly user: NonNullable<Assertion['user']>;
  readonly credentialId: Uint8Array;
  readonly publicKey: CborMap;
  readonly total?: number;
  readonly credProtect?: number;
}

/** Parses enumerateCredentialsBegin / GetNextCredential. */
export function parseCredential(map: CborMap): CredentialEntry {
  const descriptor = required(map, 7, asMap, 'credentialID');
  return {
    user: required(map, 6, parseUser, 'user'),
    credentialId: required(descriptor, 'id', asBytes, 'credentialID.id'),
    publicKey: required(map, 8, asMap, 'publicKey'),
    total: optional(map, 9, asInt, 'totalCredentials'),
    credProtect: optional(map, 0x0a, asInt, 'credProtect'),
  };
}
