import { sha256 } from '@noble/hashes/sha2.js';
import { encodeCbor, type CborValue } from '../../../../shared/ctap/cbor';
import { Permission } from '../../../../shared/ctap/client-pin';
import { CtapError, Status, isCtapError } from '../../../../shared/ctap/errors';
import { KeepaliveStatus } from '../../../../shared/ctap/hid-frame';
import type { Ctap2Client } from './ctap2-client';
import { PinClient } from './pin-client';

/**
 * The WebAuthn client part a browser would play, for a native app talking CTAP itself: it writes
 * clientDataJSON with the relying party's origin, has the key create or use a credential, and hands
 * back the JSON a WebAuthn server (@simplewebauthn/server) verifies. Like platform WebAuthn APIs for
 * native apps, the caller decides the origin — here only the origin of a pairing the user made, with
 * an RP id that belongs to it (rpIdFitsOrigin), so the key never signs for a site the user did not pair.
 */

const b64u = (b: Uint8Array): string => Buffer.from(b).toString('base64url');

/** clientDataJSON (members in the spec's order) and its SHA-256. */
export function clientDataFor(
  type: 'webauthn.create' | 'webauthn.get',
  challenge: string,
  origin: string,
): { json: Uint8Array; hash: Uint8Array } {
  const json = new TextEncoder().encode(
    JSON.stringify({ type, challenge, origin, crossOrigin: false }),
  );
  return { json, hash: sha256(json) };
}

/** What to create. */
export interface CreateRequest {
  readonly origin: string;
  readonly rp: { readonly id: string; readonly name: string };
  readonly user: { readonly id: string; readonly name: string; readonly displayName: string };
  readonly challenge: string;
  readonly algorithms: readonly number[];
  readonly exclude: readonly string[];
  /** The key's own PIN; needed when the key has one set. */
  readonly keyPin?: string;
  /** Called once when the key waits for a touch. */
  readonly onTouch?: () => void;
  readonly signal?: AbortSignal;
}

/** RegistrationResponseJSON as @simplewebauthn/browser would send it. */
export interface RegistrationJson {
  id: string;
  rawId: string;
  type: 'public-key';
  response: { clientDataJSON: string; attestationObject: string; transports: string[] };
  clientExtensionResults: Record<string, never>;
  authenticatorAttachment: 'cross-platform';
}

/** AuthenticationResponseJSON as @simplewebauthn/browser would send it. */
export interface AssertionJson {
  id: string;
  rawId: string;
  type: 'public-key';
  response: { clientDataJSON: string; authenticatorData: string; signature: string };
  clientExtensionResults: Record<string, never>;
  authenticatorAttachment: 'cross-platform';
}

function touchOnce(onTouch: (() => void) | undefined) {
  let told = false;
  return (status: number): void => {
    if (status !== KeepaliveStatus.UP_NEEDED || told) return;
    told = true;
    onTouch?.();
  };
}

/**
 * MakeCredential as navigator.credentials.create() with attestation 'none' would: a PIN token (MC
 * permission, this RP) when the key has a PIN, the attestation statement replaced by `none` (the
 * server asks for none, and it keeps the request small). A key with a PIN but none given is refused
 * before the touch (`key-pin-required`).
 */
export async function createCredential(
  ctap: Ctap2Client,
  r: CreateRequest,
): Promise<RegistrationJson> {
  const info = await ctap.info();
  const client = clientDataFor('webauthn.create', r.challenge, r.origin);
  let auth: { pinUvAuthParam: Uint8Array; pinUvAuthProtocol: number } | undefined;
  if (info.options.clientPin === true) {
    if (r.keyPin === undefined || r.keyPin === '')
      throw new CtapError('status', 'the key has a PIN', Status.PIN_REQUIRED);
    const t = await new PinClient(ctap).token(r.keyPin, Permission.MC, r.rp.id);
    auth = {
      pinUvAuthParam: t.protocol.authenticate(t.token, client.hash),
      pinUvAuthProtocol: t.protocol.version,
    };
  }
  const att = await ctap.makeCredential(
    {
      clientDataHash: client.hash,
      rp: r.rp,
      user: {
        id: new Uint8Array(Buffer.from(r.user.id, 'base64url')),
        name: r.user.name,
        displayName: r.user.displayName,
      },
      algorithms: r.algorithms,
      excludeList: r.exclude.map((id) => new Uint8Array(Buffer.from(id, 'base64url'))),
      ...auth,
    },
    { onKeepalive: touchOnce(r.onTouch), signal: r.signal },
  );
  const credentialId = att.authData.credential?.credentialId;
  if (!credentialId) throw new CtapError('malformed', 'no credential in the attestation');
  const attestationObject = encodeCbor(
    new Map<string, CborValue>([
      ['fmt', 'none'],
      ['attStmt', new Map<string, CborValue>()],
      ['authData', att.authData.raw],
    ]),
  );
  return registrationJson(credentialId, client.json, attestationObject);
}

/** RegistrationResponseJSON around a credential id, clientDataJSON and attestation object (CTAP2 and U2F paths). */
export function registrationJson(
  credentialId: Uint8Array,
  clientDataJson: Uint8Array,
  attestationObject: Uint8Array,
): RegistrationJson {
  const id = b64u(credentialId);
  return {
    id,
    rawId: id,
    type: 'public-key',
    response: {
      clientDataJSON: b64u(clientDataJson),
      attestationObject: b64u(attestationObject),
      transports: ['usb'],
    },
    clientExtensionResults: {},
    authenticatorAttachment: 'cross-platform',
  };
}

/** AuthenticationResponseJSON around a credential id, clientDataJSON, authenticator data and signature (CTAP2 and U2F paths). */
export function assertionJson(
  credentialId: string,
  clientDataJson: Uint8Array,
  authenticatorData: Uint8Array,
  signature: Uint8Array,
): AssertionJson {
  return {
    id: credentialId,
    rawId: credentialId,
    type: 'public-key',
    response: {
      clientDataJSON: b64u(clientDataJson),
      authenticatorData: b64u(authenticatorData),
      signature: b64u(signature),
    },
    clientExtensionResults: {},
    authenticatorAttachment: 'cross-platform',
  };
}

/** What a one-credential assertion needs (CTAP2 and U2F keys alike). */
export interface AssertionRequest {
  readonly origin: string;
  readonly rpId: string;
  readonly challenge: string;
  readonly credentialId: string;
  /** Called once when the key waits for a touch. */
  readonly onTouch?: () => void;
  readonly signal?: AbortSignal;
}

/** GetAssertion with user presence for one credential (the §4.2 confirmation); no PIN needed. */
export async function assertCredential(
  ctap: Ctap2Client,
  r: AssertionRequest,
): Promise<AssertionJson> {
  const client = clientDataFor('webauthn.get', r.challenge, r.origin);
  const [a] = await ctap.getAssertions(
    {
      rpId: r.rpId,
      clientDataHash: client.hash,
      allowList: [new Uint8Array(Buffer.from(r.credentialId, 'base64url'))],
    },
    { onKeepalive: touchOnce(r.onTouch), signal: r.signal },
  );
  if (!a) throw new CtapError('malformed', 'no assertion');
  return assertionJson(
    a.credentialId ? b64u(a.credentialId) : r.credentialId,
    client.json,
    a.authData.raw,
    a.signature,
  );
}

/**
 * Which of `credentialIds` (base64url) this key holds for `rpId`, asked silently: GetAssertion with
 * `up=false` and an allowList of one id (no touch, no PIN, nothing signed that anyone keeps). Resident
 * credentials listed by credential management (`residentIds`) count without asking.
 */
export async function heldCredentials(
  ctap: Ctap2Client,
  rpId: string,
  credentialIds: readonly string[],
  residentIds: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const held: string[] = [];
  for (const id of credentialIds.slice(0, 64)) {
    if (residentIds.has(id)) {
      held.push(id);
      continue;
    }
    try {
      await ctap.getAssertions({
        rpId,
        clientDataHash: sha256(new TextEncoder().encode(`faktor-probe:${id}`)),
        allowList: [new Uint8Array(Buffer.from(id, 'base64url'))],
        userPresence: false,
      });
      held.push(id);
    } catch (e) {
      if (!isCtapError(e, Status.NO_CREDENTIALS)) throw e;
    }
  }
  return held;
}
