/**
 * The per-kind checks behind ProofService.check (proofs.ts): each verifies one kind's proof (the async
 * part: crypto, hashes) and returns the synchronous commit that re-reads the single-use marker inside
 * the recording transaction, or undefined when the proof is wrong.
 */
import type { AppContext } from './context';
import type { Means } from '../domain';
import type { StoredSession, SessionScratch } from '../store/session-repo';
import { verifyTotp } from '../means/totp';
import { codeMatches } from '../means/codes';
import {
  verifyAssertion,
  type StoredWebAuthnCredential,
  type WebAuthnFlavour,
} from '../means/webauthn';
import { readTestEid } from '../means/eid-test-provider';
import { offlineCheck } from './desktop-proof';
import type { EidCredential, MeansProof, TotpCredential } from './proofs';

/** Run inside the transaction that records the authentication; false if a concurrent request used the proof first. */
export type ProofCommit = () => boolean;

/** What every per-kind check is given: the asking session, the means, the proof and the time. */
export interface ProofAttempt {
  readonly stored: StoredSession;
  readonly means: Means;
  readonly proof: MeansProof;
  readonly now: number;
}

/** What the per-kind checks use of the AppContext (a subset of ProofDeps). */
export type ProofCheckDeps = Pick<AppContext, 'accounts' | 'sessions' | 'hasher' | 'rp'> & {
  readonly options: Pick<AppContext['options'], 'testMode'>;
};

/** TOTP: the code for a step after the last one used (the replay marker is re-read on commit). */
export async function checkTotp(
  ctx: ProofCheckDeps,
  { means, proof, now }: ProofAttempt,
): Promise<ProofCommit | undefined> {
  const cred = ctx.accounts.credential<TotpCredential>(means.id);
  if (!cred || proof.code === undefined) return undefined;
  const step = await verifyTotp(cred.data.secret, proof.code, now, cred.lastStep);
  if (step === undefined) return undefined;
  return () => {
    const latest = ctx.accounts.credential<TotpCredential>(means.id);
    if (!latest || (latest.lastStep !== null && latest.lastStep >= step)) return false;
    ctx.accounts.putCredential(means.id, { data: latest.data, lastStep: step });
    return true;
  };
}

/** SMS: the code sent for this means (sendSmsCode), before it expires; single use. */
export function checkSms(
  ctx: ProofCheckDeps,
  { stored, means, proof, now }: ProofAttempt,
): ProofCommit | undefined {
  const c = stored.scratch.smsChallenge;
  if (!c || c.meansId !== means.id || now >= c.expiresAt || proof.code === undefined)
    return undefined;
  if (!/^\d{8}$/.test(proof.code) || !codeMatches(`sms:${means.id}`, proof.code, c.codeHash))
    return undefined;
  return () =>
    consumeScratch(ctx, stored.session.id, (s) =>
      s.smsChallenge?.codeHash === c.codeHash ? { ...s, smsChallenge: undefined } : undefined,
    );
}

/** WebAuthn: an assertion over the remembered challenge; the commit stores the new signature counter. */
export async function checkWebauthn(
  ctx: ProofCheckDeps,
  { stored, means, proof, now }: ProofAttempt,
  flavour: WebAuthnFlavour,
): Promise<ProofCommit | undefined> {
  const c = stored.scratch.webauthnAssertion;
  const cred = ctx.accounts.credential<StoredWebAuthnCredential>(means.id);
  if (!cred || !c || c.meansId !== means.id || now >= c.expiresAt || !proof.response)
    return undefined;
  const counter = await verifyAssertion(ctx.rp, flavour, proof.response, c.challenge, cred.data);
  if (counter === undefined) return undefined;
  return () => {
    const ok = consumeScratch(ctx, stored.session.id, (s) =>
      s.webauthnAssertion?.challenge === c.challenge
        ? { ...s, webauthnAssertion: undefined }
        : undefined,
    );
    if (ok)
      ctx.accounts.putCredential(means.id, {
        data: { ...cred.data, counter },
        lastStep: null,
      });
    return ok;
  };
}

/** eID (test mode only): the test identity's card is the registered one. */
export function checkEid(
  ctx: ProofCheckDeps,
  { means, proof }: ProofAttempt,
): ProofCommit | undefined {
  const cred = ctx.accounts.credential<EidCredential>(means.id);
  if (!cred || !ctx.options.testMode || !proof.testIdentity) return undefined;
  const eid = readTestEid(proof.testIdentity);
  if (!eid || eid.pseudonym !== cred.data.pseudonym) return undefined;
  return () => true;
}

/** Desktop app: the OCRA code for this means' login QR (one per app), before it expires; single use. */
export function checkDesktopApp(
  ctx: ProofCheckDeps,
  { stored, means, proof, now }: ProofAttempt,
): ProofCommit | undefined {
  const c = Object.hasOwn(stored.scratch.desktopChallenges ?? {}, means.id)
    ? stored.scratch.desktopChallenges?.[means.id]
    : undefined;
  if (!c || now >= c.expiresAt || proof.code === undefined) return undefined;
  if (!offlineCheck(ctx, means.id, c.payload, proof.code, now)) return undefined;
  return () =>
    consumeScratch(ctx, stored.session.id, (s) => {
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

/** Password (unblocking the password means only, §4.4): the account's password. */
export async function checkPassword(
  ctx: ProofCheckDeps,
  { stored, proof }: ProofAttempt,
): Promise<ProofCommit | undefined> {
  const hashes = ctx.accounts.hashes(stored.session.accountId);
  if (!hashes || proof.password === undefined) return undefined;
  return (await ctx.hasher.verify(hashes.passwordHash, proof.password)) ? () => true : undefined;
}

/** Re-reads the scratch and applies `update` if it still holds the challenge; false otherwise (used twice). */
function consumeScratch(
  ctx: Pick<AppContext, 'sessions'>,
  sessionId: string,
  update: (s: SessionScratch) => SessionScratch | undefined,
): boolean {
  const fresh = ctx.sessions.byId(sessionId);
  if (!fresh) return false;
  const next = update(fresh.scratch);
  if (!next) return false;
  ctx.sessions.saveScratch(sessionId, JSON.parse(JSON.stringify(next)) as SessionScratch);
  return true;
}
