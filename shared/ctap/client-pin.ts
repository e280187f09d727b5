import type { CborMap, CborValue } from './cbor';
import { Ctap2Cmd, encodeRequest } from './commands';
import { asBytes, asInt, asBool, optional, required } from './fields';
import { malformed } from './errors';
import { concatBytes } from '@noble/hashes/utils.js';
import { paddedPin, pinHash, type PinProtocol } from './pin-protocol';

/** ClientPIN subcommands (CTAP 2.1 §6.5.5). */
export const PinSub = {
  GET_PIN_RETRIES: 0x01,
  GET_KEY_AGREEMENT: 0x02,
  SET_PIN: 0x03,
  CHANGE_PIN: 0x04,
  GET_PIN_TOKEN: 0x05,
  GET_UV_TOKEN_WITH_PERMISSIONS: 0x06,
  GET_UV_RETRIES: 0x07,
  GET_PIN_TOKEN_WITH_PERMISSIONS: 0x09,
} as const;

/** pinUvAuthToken permissions (CTAP 2.1 §6.5.5.7). */
export const Permission = {
  MC: 0x01,
  GA: 0x02,
  CM: 0x04,
  BE: 0x08,
  LBW: 0x10,
  ACFG: 0x20,
} as const;

function clientPin(
  protocol: number,
  sub: number,
  rest: [number, CborValue | undefined][] = [],
): Uint8Array {
  return encodeRequest(
    Ctap2Cmd.CLIENT_PIN,
    new Map<number, CborValue | undefined>([[1, protocol], [2, sub], ...rest]),
  );
}

/** getPINRetries request. */
export function encodeGetPinRetries(protocol: number): Uint8Array {
  return clientPin(protocol, PinSub.GET_PIN_RETRIES);
}

/** getKeyAgreement request. */
export function encodeGetKeyAgreement(protocol: number): Uint8Array {
  return clientPin(protocol, PinSub.GET_KEY_AGREEMENT);
}

/** setPIN request: newPinEnc and its pinUvAuthParam under the shared secret. */
export function encodeSetPin(
  p: PinProtocol,
  shared: Uint8Array,
  keyAgreement: CborValue,
  pin: string,
  minLength?: number,
): Uint8Array {
  const newPinEnc = p.encrypt(shared, paddedPin(pin, minLength));
  return clientPin(p.version, PinSub.SET_PIN, [
    [3, keyAgreement],
    [4, p.authenticate(shared, newPinEnc)],
    [5, newPinEnc],
  ]);
}

/** changePIN request: pinUvAuthParam covers newPinEnc ‖ pinHashEnc. */
export function encodeChangePin(
  p: PinProtocol,
  shared: Uint8Array,
  keyAgreement: CborValue,
  oldPin: string,
  newPin: string,
  minLength?: number,
): Uint8Array {
  const pinHashEnc = p.encrypt(shared, pinHash(oldPin));
  const newPinEnc = p.encrypt(shared, paddedPin(newPin, minLength));
  return clientPin(p.version, PinSub.CHANGE_PIN, [
    [3, keyAgreement],
    [4, p.authenticate(shared, concatBytes(newPinEnc, pinHashEnc))],
    [5, newPinEnc],
    [6, pinHashEnc],
  ]);
}

/**
 * Token request: with permissions (0x09, CTAP 2.1) when `permissions` is given, else the legacy
 * getPinToken (0x05) for 2.0 keys.
 */
export function encodeGetPinToken(
  p: PinProtocol,
  shared: Uint8Array,
  keyAgreement: CborValue,
  pin: string,
  permissions?: number,
  rpId?: string,
): Uint8Array {
  const pinHashEnc = p.encrypt(shared, pinHash(pin));
  if (permissions === undefined)
    return clientPin(p.version, PinSub.GET_PIN_TOKEN, [
      [3, keyAgreement],
      [6, pinHashEnc],
    ]);
  return clientPin(p.version, PinSub.GET_PIN_TOKEN_WITH_PERMISSIONS, [
    [3, keyAgreement],
    [6, pinHashEnc],
    [9, permissions],
    [0x0a, rpId],
  ]);
}

/** The fields of a ClientPIN reply. */
export interface ClientPinReply {
  readonly keyAgreement?: CborValue;
  readonly pinUvAuthToken?: Uint8Array;
  readonly pinRetries?: number;
  readonly powerCycleState?: boolean;
  readonly uvRetries?: number;
}

/** Parses a ClientPIN reply map. Throws only CtapError. */
export function parseClientPin(map: CborMap): ClientPinReply {
  return {
    keyAgreement: map.get(1),
    pinUvAuthToken: optional(map, 2, asBytes, 'pinUvAuthToken'),
    pinRetries: optional(map, 3, asInt, 'pinRetries'),
    powerCycleState: optional(map, 4, asBool, 'powerCycleState'),
    uvRetries: optional(map, 5, asInt, 'uvRetries'),
  };
}

/** Decrypts and checks the token: 16 or 32 bytes for v1, exactly 32 for v2. */
export function decryptToken(p: PinProtocol, shared: Uint8Array, map: CborMap): Uint8Array {
  const token = p.decrypt(shared, required(map, 2, asBytes, 'pinUvAuthToken'));
  const ok = p.version === 2 ? token.length === 32 : token.length === 16 || token.length === 32;
  if (!ok) throw malformed(`pinUvAuthToken of ${token.length} bytes for protocol ${p.version}`);
  return token;
}
