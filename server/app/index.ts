/**
 * The service layer the JSON API and the server-rendered pages both call. Build it once per server
 * with `createServices`; every method takes the session cookie value (or nothing) and a RequestMeta.
 */
import type { AppContext } from './context';
import { SessionService } from './sessions';
import { ProofService } from './proofs';
import { AuthService } from './auth-service';
import { MeansService } from './means-service';
import { EnrolmentService } from './enrolment-service';
import { AccountService } from './account-service';
import { AttributeService } from './attribute-service';
import { MeansRegistration } from './means-registration';
import { DesktopAppService } from './desktop-app-service';
import { DeviceAuthenticator } from './device-auth';
import { DeviceService } from './device-service';
import { ApprovalService } from './approval-service';
import { SessionApprovals } from './session-approvals';
import { DeviceKeyService } from './device-key-service';

/** All services of one server. */
export interface Services {
  ctx: AppContext;
  sessions: SessionService;
  proofs: ProofService;
  auth: AuthService;
  means: MeansService;
  /** §4.2 registering a means (with WebAuthn's second step) and the eID. */
  meansRegistration: MeansRegistration;
  accounts: AccountService;
  /** §3/§5 attributes: self-entered values and their verification. */
  attributes: AttributeService;
  desktopApp: DesktopAppService;
  deviceAuth: DeviceAuthenticator;
  device: DeviceService;
  approvals: ApprovalService;
  enrolment: EnrolmentService;
  /** Online approval for step-up and the §4.2 confirmation, bound to a web session. */
  sessionApprovals: SessionApprovals;
  /** A paired desktop registers a security key (password + security key). */
  deviceKeys: DeviceKeyService;
}

/** Wires the services over one AppContext. */
export function createServices(ctx: AppContext): Services {
  const sessions = new SessionService(ctx);
  const proofs = new ProofService(ctx);
  const auth = new AuthService(ctx, sessions, proofs);
  const means = new MeansService(ctx, sessions, proofs);
  const meansRegistration = new MeansRegistration(ctx, sessions, proofs);
  const accounts = new AccountService(ctx, sessions, meansRegistration);
  const attributes = new AttributeService(ctx, sessions, meansRegistration);
  const desktopApp = new DesktopAppService(ctx, sessions, auth);
  proofs.desktopChallenge = (account, m) => desktopApp.meansChallenge(account, m);
  const approvals = new ApprovalService(ctx, sessions, auth, () => desktopApp.origin());
  const sessionApprovals = new SessionApprovals(ctx, sessions, approvals);
  return {
    ctx,
    sessions,
    proofs,
    auth,
    means,
    meansRegistration,
    accounts,
    attributes,
    desktopApp,
    deviceAuth: new DeviceAuthenticator(ctx),
    device: new DeviceService(ctx),
    approvals,
    enrolment: new EnrolmentService(ctx, sessions),
    sessionApprovals,
    deviceKeys: new DeviceKeyService(ctx, auth, () => sessions.newSessionId()),
  };
}

export { AppContext } from './context';
export type { RequestMeta } from './context';
export { ServiceError, isCodedError } from './errors';
export type { ServiceErrorCode, CodedError } from './errors';
export { ThrottledError } from './throttle';
export { AdjustableClock, systemClock, type Clock } from './clock';
export type { SessionView, IssuedSession } from './sessions';
export type { MeansProof, MeansChallenge } from './proofs';
export type { RegisteredMeans } from './means-service';
export type { Overview } from './account-service';
