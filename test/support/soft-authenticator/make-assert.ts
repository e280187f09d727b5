import { p256 } from '@noble/curves/nist.js';
import { concatBytes } from '@noble/hashes/utils.js';
import { AuthFlag } from '../../../shared/ctap/auth-data';
import { encodeCbor, type CborMap, type CborValue } from '../../../shared/ctap/cbor';
import { CoseAlg, p256ToCose } from '../../../shared/ctap/cose';
import { CtapError, Status } from '../../../shared/ctap/errors';
import {
  asArray,
  asBool,
  asBytes,
  asInt,
  asMap,
  asText,
  optional,
  required,
} from '../../../shared/ctap/fields';
import { Permission } from '../../../shared/ctap/client-pin';
import type { RequestContext } from './presence';
import type { SoftPin } from './soft-pin';
import { rpIdHash, type CredentialStore, type SoftCredential } from './store';

/** What MakeCredential/GetAssertion need from the authenticator. */
export interface CredentialCore {
  readonly store: CredentialStore;
  readonly pin: SoftPin;
  readonly aaguid: Uint8Array;
  nextAssertions?: { queue: SoftCredential[]; clientDataHash: Uint8Array; flags: number };
}

const fail = (status: number): CtapError => CtapError.fromStatus(status);

/** authenticatorData for a credential; with `attested` it embeds aaguid, id and COSE key. */
export function authenticatorData(
  core: CredentialCore,
  c: SoftCredential,
  flags: number,
  attested: boolean,
): Uint8Array {
  const counter = new Uint8Array(4);
  new DataView(counter.buffer).setUint32(0, core.store.nextCounter());
  const head = concatBytes(
    c.rpIdHash,
    Uint8Array.of(flags | (attested ? AuthFlag.AT : 0)),
    counter,
  );
  if (!attested) return head;
  const idLength = Uint8Array.of(c.id.length >> 8, c.id.length & 0xff);
  return concatBytes(
    head,
    core.aaguid,
    idLength,
    c.id,
    encodeCbor(p256ToCose(c.publicKey, CoseAlg.ES256)),
  );
}

function options(params: CborMap, key: number): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const [k, v] of optional(params, key, asMap, 'options') ?? new Map())
    out[asText(k, 'option')] = asBool(v, 'option');
  if (out.uv) throw fail(Status.UNSUPPORTED_OPTION);
  return out;
}

/** Verifies pinUvAuthParam when present; a set PIN makes it mandatory where `required`. */
function checkPinAuth(
  core: CredentialCore,
  params: CborMap,
  keys: [number, number],
  cdh: Uint8Array,
  permission: number,
  rpId: string,
  mandatory: boolean,
): number {
  const param = optional(params, keys[0], asBytes, 'pinUvAuthParam');
  if (param === undefined) {
    if (mandatory && core.pin.isSet) throw fail(Status.PIN_REQUIRED);
    return 0;
  }
  core.pin.verifyToken(
    optional(params, keys[1], asInt, 'pinUvAuthProtocol'),
    param,
    cdh,
    permission,
    rpId,
  );
  return AuthFlag.UV;
}

function ids(list: readonly CborValue[] | undefined): Uint8Array[] {
  return (list ?? []).map((d) => required(asMap(d, 'descriptor'), 'id', asBytes, 'descriptor.id'));
}

/** authenticatorMakeCredential with packed self-attestation (the credential key signs). */
export async function makeCredential(
  core: CredentialCore,
  params: CborMap,
  ctx: RequestContext,
): Promise<Map<number, CborValue>> {
  const cdh = required(params, 1, asBytes, 'clientDataHash');
  const rp = required(params, 2, asMap, 'rp');
  const rpId = required(rp, 'id', asText, 'rp.id');
  const user = required(params, 3, asMap, 'user');
  const algs = required(params, 4, asArray, 'pubKeyCredParams').map((p) =>
    required(asMap(p, 'param'), 'alg', asInt, 'alg'),
  );
  if (!algs.includes(CoseAlg.ES256)) throw fail(Status.UNSUPPORTED_ALGORITHM);
  const opts = options(params, 7);
  const uvFlag = checkPinAuth(core, params, [8, 9], cdh, Permission.MC, rpId, true);
  const hash = rpIdHash(rpId);
  if (ids(optional(params, 5, asArray, 'excludeList')).some((id) => core.store.find(id, hash))) {
    await ctx.waitForTouch();
    throw fail(Status.CREDENTIAL_EXCLUDED);
  }
  await ctx.waitForTouch();
  const text = (k: string): string | undefined => optional(user, k, asText, `user.${k}`);
  const credential = core.store.create({
    rpId,
    rpName: optional(rp, 'name', asText, 'rp.name'),
    rpIdHash: hash,
    user: {
      id: required(user, 'id', asBytes, 'user.id'),
      name: text('name'),
      displayName: text('displayName'),
    },
    resident: opts.rk === true,
  });
  const authData = authenticatorData(core, credential, AuthFlag.UP | uvFlag, true);
  const sig = p256.sign(concatBytes(authData, cdh), credential.secretKey, { format: 'der' });
  return new Map<number, CborValue>([
    [1, 'packed'],
    [2, authData],
    [3, { alg: CoseAlg.ES256, sig }],
  ]);
}

function assertionReply(
  core: CredentialCore,
  c: SoftCredential,
  cdh: Uint8Array,
  flags: number,
  total?: number,
): Map<number, CborValue> {
  const authData = authenticatorData(core, c, flags, false);
  const reply = new Map<number, CborValue>([
    [1, { id: c.id, type: 'public-key' }],
    [2, authData],
    [3, p256.sign(concatBytes(authData, cdh), c.secretKey, { format: 'der' })],
  ]);
  if (c.resident && c.user) {
    const u: Record<string, CborValue> = { id: c.user.id };
    if (flags & AuthFlag.UV && c.user.name) u.name = c.user.name;
    if (flags & AuthFlag.UV && c.user.displayName) u.displayName = c.user.displayName;
    reply.set(4, u);
  }
  if (total !== undefined && total > 1) reply.set(5, total);
  return reply;
}

/** authenticatorGetAssertion: allowList match, else discoverable credentials newest first. */
export async function getAssertion(
  core: CredentialCore,
  params: CborMap,
  ctx: RequestContext,
): Promise<Map<number, CborValue>> {
  const rpId = required(params, 1, asText, 'rpId');
  const cdh = required(params, 2, asBytes, 'clientDataHash');
  const opts = options(params, 5);
  const uvFlag = checkPinAuth(core, params, [6, 7], cdh, Permission.GA, rpId, false);
  const hash = rpIdHash(rpId);
  const allow = optional(params, 3, asArray, 'allowList');
  const found = allow
    ? ids(allow)
        .flatMap((id) => core.store.find(id, hash) ?? [])
        .slice(0, 1)
    : core.store.resident(hash);
  core.nextAssertions = undefined;
  if (opts.up !== false) await ctx.waitForTouch();
  const [first, ...rest] = found;
  if (!first) throw fail(Status.NO_CREDENTIALS);
  const flags = (opts.up !== false ? AuthFlag.UP : 0) | uvFlag;
  if (rest.length > 0) core.nextAssertions = { queue: rest, clientDataHash: cdh, flags };
  return assertionReply(core, first, cdh, flags, found.length);
}

/** authenticatorGetNextAssertion over the list the last GetAssertion left. */
export function getNextAssertion(core: CredentialCore): Map<number, CborValue> {
  const next = core.nextAssertions;
  const c = next?.queue.shift();
  if (!next || !c) throw fail(Status.NOT_ALLOWED);
  return assertionReply(core, c, next.clientDataHash, next.flags);
}
