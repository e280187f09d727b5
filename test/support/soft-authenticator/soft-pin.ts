import { p256 } from '@noble/curves/nist.js';
import { equalBytes } from '@noble/curves/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, randomBytes } from '@noble/hashes/utils.js';
import type { CborMap, CborValue } from '../../../shared/ctap/cbor';
import { PinSub, Permission } from '../../../shared/ctap/client-pin';
import { CoseAlg, coseToP256, p256ToCose } from '../../../shared/ctap/cose';
import { CtapError, Status } from '../../../shared/ctap/errors';
import { asBytes, asInt, asText, optional, required } from '../../../shared/ctap/fields';
import { ecdhZ, pinProtocol, type PinProtocol } from '../../../shared/ctap/pin-protocol';

const fail = (status: number): CtapError => CtapError.fromStatus(status);
const MAX_RETRIES = 8;

/**
 * The authenticator side of ClientPIN (CTAP 2.1 §6.5): PIN storage as LEFT(SHA-256, 16), 8 retries,
 * auth-blocked after 3 wrong PINs in a row until power cycle, one pinUvAuthToken with permissions and
 * an optional RP binding, and a fresh key-agreement key after every mismatch.
 */
export class SoftPin {
  private pinHash: Uint8Array | undefined;
  retries = MAX_RETRIES;
  private consecutive = 0;
  private agreementKey = p256.utils.randomSecretKey();
  private token = randomBytes(32);
  private tokenProtocol: number | undefined;
  private permissions = 0;
  private tokenRpId: string | undefined;
  readonly minLength = 4;

  /** True once a PIN is set. */
  get isSet(): boolean {
    return this.pinHash !== undefined;
  }

  /** Power cycle: new agreement key and token, auth-block lifted. */
  powerCycle(): void {
    this.consecutive = 0;
    this.agreementKey = p256.utils.randomSecretKey();
    this.token = randomBytes(32);
    this.tokenProtocol = undefined;
  }

  /** Authenticator reset: forget the PIN. */
  reset(): void {
    this.pinHash = undefined;
    this.retries = MAX_RETRIES;
    this.powerCycle();
  }

  /** Handles one ClientPIN request; returns the reply map. */
  handle(params: CborMap): Map<number, CborValue> {
    const sub = required(params, 2, asInt, 'subCommand');
    if (sub === PinSub.GET_PIN_RETRIES)
      return new Map<number, CborValue>([
        [3, this.retries],
        [4, false],
      ]);
    const p = pinProtocol(required(params, 1, asInt, 'pinUvAuthProtocol'));
    if (sub === PinSub.GET_KEY_AGREEMENT)
      return new Map([
        [1, p256ToCose(p256.getPublicKey(this.agreementKey, false), CoseAlg.ECDH_ES_HKDF_256)],
      ]);
    const shared = p.kdf(
      ecdhZ(
        this.agreementKey,
        coseToP256(
          required(params, 3, (v) => v, 'keyAgreement'),
          'keyAgreement',
        ),
      ),
    );
    if (sub === PinSub.SET_PIN) return this.setPin(p, shared, params);
    if (sub === PinSub.CHANGE_PIN) return this.changePin(p, shared, params);
    if (sub === PinSub.GET_PIN_TOKEN || sub === PinSub.GET_PIN_TOKEN_WITH_PERMISSIONS)
      return this.issueToken(p, shared, params, sub);
    throw fail(Status.INVALID_SUBCOMMAND);
  }

  private setPin(p: PinProtocol, shared: Uint8Array, params: CborMap): Map<number, CborValue> {
    if (this.pinHash) throw fail(Status.NOT_ALLOWED);
    const newPinEnc = required(params, 5, asBytes, 'newPinEnc');
    this.checkParam(p, shared, newPinEnc, required(params, 4, asBytes, 'pinUvAuthParam'));
    this.storePin(p, shared, newPinEnc);
    return new Map();
  }

  private changePin(p: PinProtocol, shared: Uint8Array, params: CborMap): Map<number, CborValue> {
    if (!this.pinHash) throw fail(Status.PIN_NOT_SET);
    this.checkBlocked();
    const newPinEnc = required(params, 5, asBytes, 'newPinEnc');
    const pinHashEnc = required(params, 6, asBytes, 'pinHashEnc');
    this.checkParam(
      p,
      shared,
      concatBytes(newPinEnc, pinHashEnc),
      required(params, 4, asBytes, 'pinUvAuthParam'),
    );
    this.checkPinHash(p, shared, pinHashEnc);
    this.storePin(p, shared, newPinEnc);
    this.tokenProtocol = undefined;
    return new Map();
  }

  private issueToken(
    p: PinProtocol,
    shared: Uint8Array,
    params: CborMap,
    sub: number,
  ): Map<number, CborValue> {
    if (!this.pinHash) throw fail(Status.PIN_NOT_SET);
    this.checkBlocked();
    const permissions =
      sub === PinSub.GET_PIN_TOKEN
        ? Permission.MC | Permission.GA
        : required(params, 9, asInt, 'permissions');
    if (permissions === 0) throw fail(Status.INVALID_PARAMETER);
    this.checkPinHash(p, shared, required(params, 6, asBytes, 'pinHashEnc'));
    this.token = randomBytes(32);
    this.tokenProtocol = p.version;
    this.permissions = permissions;
    this.tokenRpId =
      sub === PinSub.GET_PIN_TOKEN ? undefined : optional(params, 0x0a, asText, 'rpId');
    return new Map([[2, p.encrypt(shared, this.token)]]);
  }

  private checkBlocked(): void {
    if (this.retries === 0) throw fail(Status.PIN_BLOCKED);
    if (this.consecutive >= 3) throw fail(Status.PIN_AUTH_BLOCKED);
  }

  private checkParam(
    p: PinProtocol,
    key: Uint8Array,
    message: Uint8Array,
    param: Uint8Array,
  ): void {
    if (!equalBytes(p.authenticate(key, message), param)) throw fail(Status.PIN_AUTH_INVALID);
  }

  private checkPinHash(p: PinProtocol, shared: Uint8Array, pinHashEnc: Uint8Array): void {
    const stored = this.pinHash ?? new Uint8Array(16);
    this.retries--;
    if (equalBytes(p.decrypt(shared, pinHashEnc), stored)) {
      this.retries = MAX_RETRIES;
      this.consecutive = 0;
      return;
    }
    this.consecutive++;
    this.agreementKey = p256.utils.randomSecretKey();
    if (this.retries === 0) throw fail(Status.PIN_BLOCKED);
    throw fail(this.consecutive >= 3 ? Status.PIN_AUTH_BLOCKED : Status.PIN_INVALID);
  }

  private storePin(p: PinProtocol, shared: Uint8Array, newPinEnc: Uint8Array): void {
    const padded = p.decrypt(shared, newPinEnc);
    if (padded.length < 64) throw fail(Status.PIN_POLICY_VIOLATION);
    const end = padded.indexOf(0);
    const pin = padded.subarray(0, end < 0 ? padded.length : end);
    if (pin.length < this.minLength || pin.length > 63) throw fail(Status.PIN_POLICY_VIOLATION);
    this.pinHash = sha256Left16(pin);
    this.retries = MAX_RETRIES;
  }

  /**
   * Checks a pinUvAuthParam made with the token: right protocol, the permission granted, and the RP the
   * token is bound to (an unbound token binds to the first RP it is used for).
   */
  verifyToken(
    protocol: number | undefined,
    param: Uint8Array,
    message: Uint8Array,
    permission: number,
    rpId?: string,
  ): void {
    if (protocol === undefined) throw fail(Status.MISSING_PARAMETER);
    if (this.tokenProtocol !== protocol) throw fail(Status.PIN_AUTH_INVALID);
    this.checkParam(pinProtocol(protocol), this.token, message, param);
    if ((this.permissions & permission) === 0) throw fail(Status.PIN_AUTH_INVALID);
    if (rpId !== undefined) {
      if (this.tokenRpId !== undefined && this.tokenRpId !== rpId)
        throw fail(Status.PIN_AUTH_INVALID);
      this.tokenRpId = rpId;
    }
  }
}

function sha256Left16(bytes: Uint8Array): Uint8Array {
  return sha256(bytes).slice(0, 16);
}
