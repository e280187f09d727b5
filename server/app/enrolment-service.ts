/**
 * What a pending means still needs before its §4.2 confirmation, shown again on every visit of the
 * confirmation page (post/redirect/get: a reload, Back, or a wrong code never loses it): the TOTP QR
 * and otpauth URI from the stored seed, or fresh WebAuthn creation options while no key is registered.
 * Only the session that registered the means may see it.
 */
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import type { Account } from '../domain';
import { totpEnrolment } from '../means/totp';
import { registrationOptions, type StoredWebAuthnCredential } from '../means/webauthn';
import type { AppContext } from './context';
import { ServiceError } from './errors';
import { webauthnFlavour, type TotpCredential } from './proofs';
import type { SessionService } from './sessions';

/** How long registration options stay valid. */
const WEBAUTHN_REGISTRATION_TTL_MS = 5 * 60_000;

/** What the confirmation page of a pending means shows besides the proof form. */
export type PendingEnrolment =
  | { kind: 'totp'; otpauthUri: string; qrSvg: string }
  | { kind: 'webauthn'; creationOptions: PublicKeyCredentialCreationOptionsJSON };

/** WebAuthn creation options for `account`, excluding the keys it already has (no double registration). */
export async function creationOptionsFor(
  ctx: Pick<AppContext, 'accounts' | 'rp'>,
  account: Account,
  kind: Account['means'][number]['kind'],
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const flavour = webauthnFlavour(kind);
  if (!flavour) throw new ServiceError('not-applicable');
  const existing = account.means
    .filter((m) => webauthnFlavour(m.kind) && m.status !== 'removed')
    .map((m) => ctx.accounts.credential<StoredWebAuthnCredential>(m.id)?.data)
    .filter((c): c is StoredWebAuthnCredential => !!c);
  return registrationOptions(
    ctx.rp,
    flavour,
    { id: account.id, username: account.username },
    existing,
  );
}

/** What EnrolmentService uses of the AppContext: accounts and sessions, the WebAuthn relying party. */
export type EnrolmentDeps = Pick<AppContext, 'accounts' | 'sessions' | 'rp' | 'now' | 'tx'> & {
  readonly options: Pick<AppContext['options'], 'issuer'>;
};

/** Re-shows the enrolment of pending means. */
export class EnrolmentService {
  constructor(
    private readonly ctx: EnrolmentDeps,
    private readonly sessions: SessionService,
  ) {}

  /** The enrolment still to show for `meansId`, or undefined when there is nothing (SMS, desktop app, a registered key). */
  async pending(token: string | undefined, meansId: string): Promise<PendingEnrolment | undefined> {
    const { means, ...active } = this.sessions.requireMeans(token, meansId);
    if (means.status !== 'pending' || means.pendingSessionId !== active.stored.session.id)
      return undefined;
    if (means.kind === 'password+totp') {
      const cred = this.ctx.accounts.credential<TotpCredential>(means.id);
      if (!cred) return undefined;
      const enrol = await totpEnrolment(
        this.ctx.options.issuer,
        active.account.username,
        cred.data.secret,
      );
      return { kind: 'totp', otpauthUri: enrol.uri, qrSvg: enrol.qrSvg };
    }
    if (!webauthnFlavour(means.kind) || this.ctx.accounts.credential(means.id)) return undefined;
    const creationOptions = await creationOptionsFor(this.ctx, active.account, means.kind);
    const now = this.ctx.now();
    this.ctx.tx(() => {
      const fresh = this.ctx.sessions.byId(active.stored.session.id);
      if (fresh)
        this.ctx.sessions.saveScratch(fresh.session.id, {
          ...fresh.scratch,
          webauthnRegistration: {
            challenge: creationOptions.challenge,
            meansId,
            expiresAt: now + WEBAUTHN_REGISTRATION_TTL_MS,
          },
        });
    });
    return { kind: 'webauthn', creationOptions };
  }
}
