import type { CborMap, CborValue } from './cbor';
import { Ctap2Cmd, encodeRequest } from './commands';
import { descriptorList } from './make-credential';
import { asBytes, asInt, asMap, optional, required } from './fields';
import { parseAuthenticatorData, type AuthenticatorData } from './auth-data';

/** Inputs of authenticatorGetAssertion (CTAP 2.1 §6.2). */
export interface GetAssertionArgs {
  readonly rpId: string;
  readonly clientDataHash: Uint8Array;
  readonly allowList?: readonly Uint8Array[];
  readonly userPresence?: boolean;
  readonly userVerification?: boolean;
  readonly pinUvAuthParam?: Uint8Array;
  readonly pinUvAuthProtocol?: number;
}

/** Builds the GetAssertion payload. */
export function encodeGetAssertion(a: GetAssertionArgs): Uint8Array {
  const options: Record<string, boolean> = {};
  if (a.userPresence === false) options.up = false;
  if (a.userVerification) options.uv = true;
  return encodeRequest(
    Ctap2Cmd.GET_ASSERTION,
    new Map<number, CborValue | undefined>([
      [1, a.rpId],
      [2, a.clientDataHash],
      [3, descriptorList(a.allowList)],
      [5, Object.keys(options).length > 0 ? options : undefined],
      [6, a.pinUvAuthParam],
      [7, a.pinUvAuthParam ? a.pinUvAuthProtocol : undefined],
    ]),
  );
}

/** One assertion; `numberOfCredentials` is set on the first of several (then call GetNextAssertion). */
export interface Assertion {
  readonly credentialId?: Uint8Array;
  readonly authData: AuthenticatorData;
  readonly signature: Uint8Array;
  readonly user?: {
    readonly id: Uint8Array;
    readonly name?: string;
    readonly displayName?: string;
  };
  readonly numberOfCredentials?: number;
}

/** Parses a PublicKeyCredentialUserEntity (also used by credential management). */
export function parseUser(value: CborValue, what: string): NonNullable<Assertion['user']> {
  const m = asMap(value, what);
  const text = (k: string): string | undefined => {
    const v = m.get(k);
    return typeof v === 'string' ? v : undefined;
  };
  return {
    id: required(m, 'id', asBytes, `${what}.id`),
    name: text('name'),
    displayName: text('displayName'),
  };
}

/** Parses a GetAssertion or GetNextAssertion reply. Throws only CtapError. */
export function parseAssertion(map: CborMap): Assertion {
  const credential = optional(map, 1, asMap, 'credential');
  return {
    credentialId: credential ? required(credential, 'id', asBytes, 'credential.id') : undefined,
    authData: parseAuthenticatorData(required(map, 2, asBytes, 'authData')),
    signature: required(map, 3, asBytes, 'signature'),
    user: optional(map, 4, parseUser, 'user'),
    numberOfCredentials: optional(map, 5, asInt, 'numberOfCredentials'),
  };
}

/** The GetNextAssertion payload (no parameters). */
export const GET_NEXT_ASSERTION = Uint8Array.of(Ctap2Cmd.GET_NEXT_ASSERTION);
