/**
 * Checking a proof of possession for one means (TOTP code, SMS code, WebAuthn assertion, eID
 * read-out) and issuing the challenges that need one (SMS code, WebAuthn options). Used by step-up,
 * §4.2 confirmation and §4.4 unblocking alike, so every path enforces the same single-use rules.
 *
 * A check is split in two: the async part (crypto) and a synchronous `commit` that re-reads the
 * replay marker inside the SQLite transaction, so two concurrent requests with the same TOTP code
 * cannot both win.
 */
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { AppContext } from './context';
import { ServiceError } from './errors';
import type { Account, Means } from '../domain';
import type { StoredSession, SessionScratch } from '../store/session-repo';
import { hashCode, newOobCode, OOB_CODE_TTL_MS } from '../means/codes';
import {
  authenticationOptions,
  type StoredWebAuthnCredential,
  type WebAuthnFlavour,
} from '../means/webauthn';
import { checkSmsRate } from './sms-rate';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { DesktopChallengeFactory } from './desktop-proof';
import {
  checkDesktopApp,
  checkEid,
  checkPassword,
  checkSms,
  checkTotp,
  checkWebauthn,
  type ProofCommit,
} from './proof-checks';

/** What the client sends to prove a means. */
export interface MeansProof {
  /** TOTP or SMS code. */
  code?: string;
  /** WebAuthn assertion (the JSON of @simplewebauthn/browser's startAuthentication). */
  response?: AuthenticationResponseJSON;
  /** Test mode: which test eID identity the "card" belongs to. */
  testIdentity?: string;
  /** Unblocking the password means only (§4.4: proven with the blocked means itself). */
  password?: string;
}

/** TOTP means credential. */
export interface TotpCredential {
  secret: string;
}
/** SMS means credential. */
export interface SmsCredential {
  phone: string;
}
/** eID means credential. */
export interface EidCredential {
  pseudonym: string;
}

/** Flavour of a WebAuthn kind, or undefined for other kinds. */
export function webauthnFlavour(kind: Means['kind']): WebAuthnFlavour | undefined {
  if (kind === 'password+security-key') return 'security-key';
  if (kind === 'platform-authenticator') return 'platform';
  return undefined;
}

/** A challenge for a means that needs one. */
export type MeansChallenge =
  | { kind: 'sms'; sentTo: string; expiresAt: number }
  | { kind: 'webauthn'; options: PublicKeyCredentialRequestOptionsJSON }
  | { kind: 'desktop-app'; payload: string; qrSvg: string; expiresAt: number }
  | { kind: 'none' };

/** Masks a phone number for display (+49 … 67). */
export function maskPhone(phone: string): string {
  return phone.length <= 4 ? '…' : `${phone.slice(0, 3)} … ${phone.slice(-2)}`;
}

/** What ProofService uses of the AppContext: means credentials, the SMS/e-mail outbox, the password hasher, the WebAuthn relying party. */
export type ProofDeps = Pick<
  AppContext,
  'accounts' | 'sessions' | 'outbox' | 'hasher' | 'rp' | 'now' | 'tx'
> & { readonly options: Pick<AppContext['options'], 'testMode'> };

/** Issues proofs' challenges and checks proofs. */
export class ProofService {
  /** Set by createServices: builds the login QR for a desktop-app means (DesktopAppService). */
  desktopChallenge: DesktopChallengeFactory | undefined;

  constructor(private readonly ctx: ProofDeps) {}

  /** Sends an SMS code to the means' phone (test outbox) and remembers its hash in the session; rate-limited (sms-rate.ts). */
  sendSmsCode(stored: StoredSession, account: Account, means: Means): MeansChallenge {
    const cred = this.ctx.accounts.credential<SmsCredential>(means.id);
    if (!cred) throw new ServiceError('not-applicable');
    const code = newOobCode();
    const now = this.ctx.now();
    const expiresAt = now + OOB_CODE_TTL_MS;
    const owner = { accountId: account.id, sessionId: stored.session.id };
    this.ctx.tx(() => {
      checkSmsRate(this.ctx.outbox, owner, now);
      this.saveScratch(stored, {
        ...stored.scratch,
        smsChallenge: { meansId: means.id, codeHash: hashCode(`sms:${means.id}`, code), expiresAt },
      });
      this.ctx.outbox.send(
        'sms',
        cred.data.phone,
        'Servicekonto',
        `Ihr Servicekonto-Code für ${account.username}: ${code} (gültig 10 Minuten)`,
        now,
        owner,
        [code],
      );
    });
    return { kind: 'sms', sentTo: maskPhone(cred.data.phone), expiresAt };
  }

  /** WebAuthn request options for the means, remembered (single use) in the session. */
  async webauthnChallenge(stored: StoredSession, means: Means): Promise<MeansChallenge> {
    const flavour = webauthnFlavour(means.kind);
    const cred = this.ctx.accounts.credential<StoredWebAuthnCredential>(means.id);
    if (!flavour || !cred) throw new ServiceError('not-applicable');
    const options = await authenticationOptions(this.ctx.rp, flavour, [cred.data]);
    const fresh = this.ctx.sessions.byId(stored.session.id) ?? stored;
    this.saveScratch(fresh, {
      ...fresh.scratch,
      webauthnAssertion: {
        challenge: options.challenge,
        meansId: means.id,
        expiresAt: this.ctx.now() + 5 * 60_000,
      },
    });
    return { kind: 'webauthn', options };
  }

  /** The challenge a means needs before its proof (SMS: send a code; WebAuthn: options; others: none). */
  async challenge(stored: StoredSession, account: Account, means: Means): Promise<MeansChallenge> {
    if (means.kind === 'password+sms') return this.sendSmsCode(stored, account, means);
    if (webauthnFlavour(means.kind)) return this.webauthnChallenge(stored, means);
    if (means.kind === 'desktop-app' && this.desktopChallenge) {
      const c = await this.desktopChallenge(account, means);
      const fresh = this.ctx.sessions.byId(stored.session.id) ?? stored;
      // One challenge per desktop app (the step-up page shows each its own QR); expired ones are dropped.
      const now = this.ctx.now();
      const kept = Object.entries(fresh.scratch.desktopChallenges ?? {}).filter(
        ([id, x]) => id !== means.id && x.expiresAt > now,
      );
      this.saveScratch(fresh, {
        ...fresh.scratch,
        desktopChallenges: Object.fromEntries([
          ...kept,
          [means.id, { payload: c.payload, expiresAt: c.expiresAt }],
        ]),
      });
      return c;
    }
    return { kind: 'none' };
  }

  /**
   * Checks `proof` for `means`. Returns a commit function (run it inside the transaction that records
   * the authentication; it returns false if a concurrent request used the same code first), or
   * undefined when the proof is wrong. The per-kind checks are in proof-checks.ts.
   */
  async check(
    stored: StoredSession,
    means: Means,
    proof: MeansProof,
  ): Promise<ProofCommit | undefined> {
    const attempt = { stored, means, proof, now: this.ctx.now() };
    switch (means.kind) {
      case 'password+totp':
        return checkTotp(this.ctx, attempt);
      case 'password+sms':
        return checkSms(this.ctx, attempt);
      case 'password+security-key':
      case 'platform-authenticator':
        return checkWebauthn(this.ctx, attempt, webauthnFlavour(means.kind) as WebAuthnFlavour);
      case 'eid':
        return checkEid(this.ctx, attempt);
      case 'desktop-app':
        return checkDesktopApp(this.ctx, attempt);
      case 'password':
        return checkPassword(this.ctx, attempt);
      default:
        return undefined;
    }
  }

  private saveScratch(stored: StoredSession, scratch: SessionScratch): void {
    this.ctx.sessions.saveScratch(stored.session.id, scratch);
  }
}
