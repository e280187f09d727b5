/** The authorisation request of an interaction, read from oidc-provider's interaction details. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Provider from 'oidc-provider';
import { readAcrRequest, type AcrRequest, type EssentialAcr } from './acr';
import { requestedAttributes } from './claims';

/** The `claims` request parameter (OIDC Core §5.5): what the service asks for in the ID token and from userinfo. */
type ClaimsParam = { id_token?: Record<string, unknown>; userinfo?: Record<string, unknown> };

/** The authorisation request as far as the Servicekonto cares. */
export interface RequestState {
  uid: string;
  clientId: string;
  clientName: string;
  scope: string;
  claims: ClaimsParam | undefined;
  acr: AcrRequest;
  wanted: string[];
}

function parseClaims(raw: unknown): ClaimsParam | undefined {
  if (typeof raw !== 'string')
    return raw && typeof raw === 'object' ? (raw as ClaimsParam) : undefined;
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' ? (v as ClaimsParam) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the provider's interaction details: the client, scope, claims, acr and the attributes wanted. */
export async function readRequestState(
  provider: () => Provider,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<RequestState> {
  const details = await provider().interactionDetails(request.raw, reply.raw);
  const params = details.params as Record<string, unknown>;
  const clientId = String(params.client_id ?? '');
  const client = await provider().Client.find(clientId);
  const claims = parseClaims(params.claims);
  const scope = typeof params.scope === 'string' ? params.scope : 'openid';
  return {
    uid: details.uid,
    clientId,
    clientName: client?.clientName ?? clientId,
    scope,
    claims,
    acr: readAcrRequest(
      typeof params.acr_values === 'string' ? params.acr_values : undefined,
      claims?.id_token?.acr as EssentialAcr | undefined,
      client?.defaultAcrValues,
    ),
    wanted: requestedAttributes(scope, claims),
  };
}
