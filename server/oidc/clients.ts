/**
 * Relying parties (Online-Leistungen) registered by configuration: a JSON file (`--oidc-clients`,
 * env FAKTOR_OIDC_CLIENTS) holding an array of OpenID Connect client metadata, plus, in test mode,
 * `POST /test/oidc/clients`. Beyond what oidc-provider validates, we refuse anything outside the
 * profile we run: authorization code only, signed ID tokens only. Clients that name no
 * `default_acr_values` get `urn:faktor:tr-03160:niedrig`, so every ID token carries `acr`.
 */
import { readFileSync } from 'node:fs';
import type { ClientMetadata } from 'oidc-provider';
import { FAKTOR_ACR_PREFIX } from './acr';

/** A client file or test registration that breaks the profile; the message names the client and field. */
export class ClientConfigError extends Error {
  override readonly name = 'ClientConfigError';
}

const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Checks one client's metadata against our profile and returns it typed. */
export function checkClient(raw: unknown): ClientMetadata {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new ClientConfigError('a client must be a JSON object');
  const c = raw as Record<string, unknown>;
  const id =
    typeof c.client_id === 'string' && /^[A-Za-z0-9._~-]{1,100}$/.test(c.client_id)
      ? c.client_id
      : undefined;
  if (!id) throw new ClientConfigError('client_id must be 1–100 characters of A-Z a-z 0-9 . _ ~ -');
  const fail = (field: string, why: string): never => {
    throw new ClientConfigError(`client ${id}: ${field} ${why}`);
  };
  if (!isStringArray(c.redirect_uris) || c.redirect_uris.length === 0)
    fail('redirect_uris', 'must be a non-empty array of URLs');
  if (
    c.response_types !== undefined &&
    (!isStringArray(c.response_types) || c.response_types.some((t) => t !== 'code'))
  )
    fail('response_types', 'may only be ["code"] (no implicit or hybrid flow)');
  if (
    c.grant_types !== undefined &&
    (!isStringArray(c.grant_types) || c.grant_types.some((t) => t !== 'authorization_code'))
  )
    fail('grant_types', 'may only be ["authorization_code"]');
  for (const alg of [
    'id_token_signed_response_alg',
    'userinfo_signed_response_alg',
    'request_object_signing_alg',
  ]) {
    if (c[alg] === 'none') fail(alg, 'must not be "none"');
  }
  // A default acr makes the provider put `acr` in every ID token, also when the service named none.
  return {
    response_types: ['code'],
    grant_types: ['authorization_code'],
    default_acr_values: [`${FAKTOR_ACR_PREFIX}niedrig`],
    ...c,
    client_id: id,
  } as ClientMetadata;
}

/** Reads and checks a clients file (a JSON array of client metadata). */
export function loadClientsFile(file: string): ClientMetadata[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ClientConfigError(
      `cannot read OpenID Connect clients file ${file}: ${(e as Error).message}`,
    );
  }
  if (!Array.isArray(parsed))
    throw new ClientConfigError(`${file}: expected a JSON array of client metadata objects`);
  const clients = parsed.map(checkClient);
  const ids = new Set<string>();
  for (const c of clients) {
    if (ids.has(c.client_id))
      throw new ClientConfigError(`${file}: client_id ${c.client_id} appears twice`);
    ids.add(c.client_id);
  }
  return clients;
}
