/**
 * The login oidc-provider is handed at the end of an interaction: the account, the acr the session
 * reached, the amr of the means its authentications used and when it last authenticated.
 */
import type { InteractionResults } from 'oidc-provider';
import type { ActiveSession } from '../app/sessions';
import { amrFor } from './amr';

/** The `login` interaction result for this session at acr `acr` (not remembered beyond the session). */
export function loginResult(
  active: ActiveSession,
  acr: string,
): NonNullable<InteractionResults['login']> {
  const lastAuth = Math.max(
    ...active.stored.session.authentications.map((a) => a.at),
    active.stored.session.createdAt,
  );
  const kinds = active.stored.session.authentications.flatMap(
    (a) => active.account.means.find((m) => m.id === a.meansId)?.kind ?? [],
  );
  return {
    accountId: active.account.id,
    acr,
    amr: amrFor(kinds),
    ts: Math.floor(lastAuth / 1000),
    remember: false,
  };
}
