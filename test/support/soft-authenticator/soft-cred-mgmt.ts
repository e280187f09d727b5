import { concatBytes } from '@noble/hashes/utils.js';
import { encodeCbor, type CborMap, type CborValue } from '../../../shared/ctap/cbor';
import { Permission } from '../../../shared/ctap/client-pin';
import { CoseAlg, p256ToCose } from '../../../shared/ctap/cose';
import { CredSub } from '../../../shared/ctap/cred-mgmt';
import { CtapError, Status } from '../../../shared/ctap/errors';
import { asBytes, asInt, asMap, asText, optional, required } from '../../../shared/ctap/fields';
import type { CredentialCore } from './make-assert';
import type { SoftCredential } from './store';

const fail = (status: number): CtapError => CtapError.fromStatus(status);
/** How many discoverable credentials the simulated key can hold. */
export const RESIDENT_CAPACITY = 25;

/** Enumeration state between a Begin and its GetNext calls. */
export interface CredMgmtState {
  rps?: SoftCredential[];
  credentials?: SoftCredential[];
}

function rpReply(c: SoftCredential, total?: number): Map<number, CborValue> {
  const rp: Record<string, CborValue> = { id: c.rpId ?? '' };
  if (c.rpName) rp.name = c.rpName;
  const reply = new Map<number, CborValue>([
    [3, rp],
    [4, c.rpIdHash],
  ]);
  if (total !== undefined) reply.set(5, total);
  return reply;
}

function credentialReply(c: SoftCredential, total?: number): Map<number, CborValue> {
  const user: Record<string, CborValue> = { id: c.user?.id ?? new Uint8Array(0) };
  if (c.user?.name) user.name = c.user.name;
  if (c.user?.displayName) user.displayName = c.user.displayName;
  const reply = new Map<number, CborValue>([
    [6, user],
    [7, { id: c.id, type: 'public-key' }],
    [8, p256ToCose(c.publicKey, CoseAlg.ES256)],
  ]);
  if (total !== undefined) reply.set(9, total);
  reply.set(0x0a, 1);
  return reply;
}

/** authenticatorCredentialManagement (0x0A and the preview 0x41 share it). */
export function credentialManagement(
  core: CredentialCore,
  state: CredMgmtState,
  params: CborMap,
): Map<number, CborValue> {
  const sub = required(params, 1, asInt, 'subCommand');
  const subParams = optional(params, 2, asMap, 'subCommandParams');
  if (sub !== CredSub.ENUMERATE_RPS_NEXT && sub !== CredSub.ENUMERATE_CREDENTIALS_NEXT) {
    const message = subParams
      ? concatBytes(Uint8Array.of(sub), encodeCbor(subParams))
      : Uint8Array.of(sub);
    const param = optional(params, 4, asBytes, 'pinUvAuthParam');
    if (!param) throw fail(Status.PIN_REQUIRED);
    core.pin.verifyToken(
      optional(params, 3, asInt, 'pinUvAuthProtocol'),
      param,
      message,
      Permission.CM,
    );
  }
  const all = core.store.resident();
  switch (sub) {
    case CredSub.GET_CREDS_METADATA:
      return new Map([
        [1, all.length],
        [2, RESIDENT_CAPACITY - all.length],
      ]);
    case CredSub.ENUMERATE_RPS_BEGIN: {
      const rps = all.filter((c, i) => all.findIndex((o) => o.rpId === c.rpId) === i);
      const [first, ...rest] = rps;
      if (!first) throw fail(Status.NO_CREDENTIALS);
      state.rps = rest;
      return rpReply(first, rps.length);
    }
    case CredSub.ENUMERATE_RPS_NEXT:
      return next(state.rps, rpReply);
    case CredSub.ENUMERATE_CREDENTIALS_BEGIN: {
      const creds = core.store.resident(required(subParams ?? new Map(), 1, asBytes, 'rpIDHash'));
      const [first, ...rest] = creds;
      if (!first) throw fail(Status.NO_CREDENTIALS);
      state.credentials = rest;
      return credentialReply(first, creds.length);
    }
    case CredSub.ENUMERATE_CREDENTIALS_NEXT:
      return next(state.credentials, credentialReply);
    case CredSub.DELETE_CREDENTIAL:
      if (!core.store.delete(descriptorId(subParams))) throw fail(Status.NO_CREDENTIALS);
      return new Map();
    case CredSub.UPDATE_USER_INFORMATION:
      return updateUser(core, subParams);
    default:
      throw fail(Status.INVALID_SUBCOMMAND);
  }
}

function next(
  queue: SoftCredential[] | undefined,
  reply: (c: SoftCredential) => Map<number, CborValue>,
): Map<number, CborValue> {
  const c = queue?.shift();
  if (!c) throw fail(Status.NOT_ALLOWED);
  return reply(c);
}

function descriptorId(subParams: CborMap | undefined): Uint8Array {
  return required(
    required(subParams ?? new Map(), 2, asMap, 'credentialId'),
    'id',
    asBytes,
    'credentialId.id',
  );
}

function updateUser(core: CredentialCore, subParams: CborMap | undefined): Map<number, CborValue> {
  const id = descriptorId(subParams);
  const c = core.store
    .resident()
    .find((r) => r.id.every((b, i) => b === id[i]) && r.id.length === id.length);
  if (!c) throw fail(Status.NO_CREDENTIALS);
  const user = required(subParams ?? new Map(), 3, asMap, 'user');
  c.user = {
    id: required(user, 'id', asBytes, 'user.id'),
    name: optional(user, 'name', asText, 'name'),
    displayName: optional(user, 'displayName', asText, 'displayName'),
  };
  return new Map();
}
