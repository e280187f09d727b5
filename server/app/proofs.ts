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
import { verifyTotp } from '../means/totp';
import { codeMatches, hashCode, newOobCode, OOB_CODE_TTL_MS } from '../means/codes';
import {
  authenticationOptions,
  verifyAssertion,
  type StoredWebAuthnCredential,
  type WebAuthnFlavour,
} from '../means/webauthn';
import { readTestEid } from '../means/eid-test-provider';
import { checkSmsRate } from './sms-rate';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { offlineCheck, type DesktopChallengeFactory } from './desktop-proof';

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
   * undefined when the proof is wrong.
   */
  async check(
    stored: StoredSession,
    means: Means,
    proof: MeansProof,
  ): Promise<(() => boolean) | undefined> {
    const now = this.ctx.now();
    switch (means.kind) {
      case 'password+totp': {
        const cred = this.ctx.accounts.credential<TotpCredential>(means.id);
        if (!cred || proof.code === undefined) return undefined;
        const step = await verifyTotp(cred.data.secret, proof.code, now, cred.lastStep);
        if (step === undefined) return undefined;
        return () => {
          const latest = this.ctx.accounts.credential<TotpCredential>(means.id);
          if (!latest || (latest.lastStep !== null && latest.lastStep >= step)) return false;
          this.ctx.accounts.putCredential(means.id, { data: latest.data, lastStep: step });
          return true;
        };
      }
      case 'password+sms': {
        const c = stored.scratch.smsChallenge;
        if (!c || c.meansId !== means.id || now >= c.expiresAt || proof.code === undefined)
          return undefined;
        if (!/^\d{8}$/.test(proof.code) || !codeMatches(`sms:${means.id}`, proof.code, c.codeHash))
          return undefined;
        return () =>
          this.consumeScratch(stored.session.id, (s) =>
            s.smsChallenge?.codeHash === c.codeHash ? { ...s, smsChallenge: undefined } : undefined,
          );
      }
      case 'password+security-key':
      case 'platform-authenticator': {
        const flavour = webauthnFlavour(means.kind) as WebAuthnFlavour;
        const c = stored.scratch.webauthnAssertion;
        const cred = this.ctx.accounts.credential<StoredWebAuthnCredential>(means.id);
        if (!cred || !c || c.meansId !== means.id || now >= c.expiresAt || !proof.response)
          return undefined;
        const counter = await verifyAssertion(
          this.ctx.rp,
          flavour,
          proof.response,
          c.challenge,
          cred.data,
        );
        if (counter === undefined) return undefined;
        return () => {
          const ok = this.consumeScratch(stored.session.id, (s) =>
            s.webauthnAssertion?.challenge === c.challenge
              ? { ...s, webauthnAssertion: undefined }
              : undefined,
          );
          if (ok)
            this.ctx.accounts.putCredential(means.id, {
              data: { ...cred.data, counter },
              lastStep: null,
            });
          return ok;
        };
      }
      case 'eid': {
        const cred = this.ctx.accounts.credential<EidCredential>(means.id);
        if (!cred || !this.ctx.options.testMode || !proof.testIdentity) return undefined;
        const eid = readTestEid(proof.testIdentity);
        if (!eid || eid.pseudonym !== cred.data.pseudonym) return undefined;
        return () => true;
      }
      case 'desktop-app': {
        const c = Object.hasOwn(stored.scratch.desktopChallenges ?? {}, means.id)
          ? stored.scratch.desktopChallenges?.[means.id]
          : undefined;
        if (!c || now >= c.expiresAt || proof.code === undefined) return undefined;
        if (!offlineCheck(this.ctx, means.id, c.payload, proof.code, now)) return undefined;
        return () =>
          this.consumeScratch(stored.session.id, (s) => {
            const all = s.desktopChallenges ?? {};
            if (all[means.id]?.payload !== c.payload) return undefined;
            return {
              ...s,
              desktopChallenges: Object.fromEntries(
                Object.entries(all).filter(([id]) => id !== means.id),
              ),
            };
          });
      }
      case 'password': {
        const hashes = this.ctx.accounts.hashes(stored.session.accountId);
        if (!hashes || proof.password === undefined) return undefined;
        return (await this.ctx.hasher.verify(hashes.passwordHash, proof.password))
          ? () => true
          : undefined;
      }
      default:
        return undefined;
    }
  }

  private saveScratch(stored: StoredSession, scratch: SessionScratch): void {
    this.ctx.sessions.saveScratch(stored.session.id, scratch);
  }

  /** Re-reads the scratch and applies `update` if it still holds the challenge; false otherwise (used twice). */
  private consumeScratch(
    sessionId: string,
    update: (s: SessionScratch) => SessionScratch | undefined,
  ): boolean {
    const fresh = this.ctx.sessions.byId(sessionId);
    if (!fresh) return false;
    const next = update(fresh.scratch);
    if (!next) return false;
    this.ctx.sessions.saveScratch(sessionId, JSON.parse(JSON.stringify(next)) as SessionScratch);
    return true;
  }
}
