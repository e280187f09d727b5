/**
 * The desktop-app proof used by ProofService (step-up and §4.2 confirmation in a web session): the
 * session's login QR (faktor-login payload) answered with the OCRA code the paired app shows.
 */
import type { AppContext } from './context';
import type { Account, Means } from '../domain';
import { parseLoginPayload } from '../../shared/servicekonto/login-payload';
import { offlineCodeMatches, type DesktopAppCredential } from '../means/desktop-app';

/** Builds the login QR for one desktop-app means of an account. */
export type DesktopChallengeFactory = (
  account: Account,
  means: Means,
) => Promise<{ kind: 'desktop-app'; payload: string; qrSvg: string; expiresAt: number }>;

/** True when `code` is the means' OCRA response to the stored payload and the payload has not expired. */
export function offlineCheck(
  ctx: Pick<AppContext, 'accounts'>,
  meansId: string,
  payload: string,
  code: string,
  now: number,
): boolean {
  const cred = ctx.accounts.credential<DesktopAppCredential>(meansId);
  if (!cred) return false;
  try {
    return offlineCodeMatches(cred.data, parseLoginPayload(payload, now), code);
  } catch {
    return false;
  }
}
