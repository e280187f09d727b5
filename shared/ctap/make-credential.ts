import type { CborMap, CborValue } from './cbor';
import { encodeRequest, Ctap2Cmd } from './commands';
import { CoseAlg } from './cose';
import { malformed } from './errors';
import { asBytes, asMap, asText, required } from './fields';
import { parseAuthenticatorData, type AuthenticatorData } from './auth-data';

/** Who the credential is for, as WebAuthn names them. */
export interface MakeCredentialArgs {
  readonly clientDataHash: Uint8Array;
  readonly rp: { readonly id: string; readonly name?: string };
  readonly user: { readonly id: Uint8Array; readonly name?: string; readonly displayName?: string };
  readonly algorithms?: readonly number[];
  readonly excludeList?: readonly Uint8Array[];
  readonly residentKey?: boolean;
  readonly userVerification?: boolean;
  readonly pinUvAuthParam?: Uint8Array;
  readonly pinUvAuthProtocol?: number;
}

/** A credential descriptor list as CTAP encodes it. */
export function descriptorList(ids: readonly Uint8Array[] | undefined): CborValue | undefined {
  return ids && ids.length > 0 ? ids.map((id) => ({ id, type: 'public-key' })) : undefined;
}

function entity(fields: Record<string, CborValue | undefined>): CborValue {
  const out: Record<string, CborValue> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return out;
}

/** Builds the authenticatorMakeCredential payload (CTAP 2.1 §6.1). */
export function encodeMakeCredential(a: MakeCredentialArgs): Uint8Array {
  const options: Record<string, boolean> = {};
  if (a.residentKey) options.rk = true;
  if (a.userVerification) options.uv = true;
  return encodeRequest(
    Ctap2Cmd.MAKE_CREDENTIAL,
    new Map<number, CborValue | undefined>([
      [1, a.clientDataHash],
      [2, entity({ id: a.rp.id, name: a.rp.name })],
      [3, entity({ id: a.user.id, name: a.user.name, displayName: a.user.displayName })],
      [4, (a.algorithms ?? [CoseAlg.ES256]).map((alg) => ({ alg, type: 'public-key' }))],
      [5, descriptorList(a.excludeList)],
      [7, Object.keys(options).length > 0 ? options : undefined],
      [8, a.pinUvAuthParam],
      [9, a.pinUvAuthParam ? a.pinUvAuthProtocol : undefined],
    ]),
  );
}

/** The attestation object parts of a MakeCredential reply. */
export interface Attestation {
  readonly fmt: string;
  readonly authData: AuthenticatorData;
  readonly attStmt: CborMap;
}

/** Parses a MakeCredential reply; the authData must contain the attested credential. */
export function parseMakeCredential(map: CborMap): Attestation {
  const authData = parseAuthenticatorData(required(map, 2, asBytes, 'authData'));
  if (!authData.credential) throw malformed('MakeCredential authData has no attested credential');
  return {
    fmt: required(map, 1, asText, 'fmt'),
    authData,
    attStmt: required(map, 3, asMap, 'attStmt'),
  };
}
