/**
 * §3 account creation with its two secrets (password and block password), logging the new account in
 * (AuthService.createAccount).
 */
import { randomUUID } from 'node:crypto';
import { isUniqueViolation } from '../store/sql-db';
import type { AppContext, RequestMeta } from './context';
import { ServiceError } from './errors';
import type { IssuedSession, SessionService } from './sessions';
import { checkPassword, checkUsername } from './input-rules';
import { createAccount, type DeletionNotice } from '../domain';

/** Input of account creation (§3). */
export interface CreateAccountRequest {
  username: string;
  password: string;
  blockPassword: string;
  attributes: Record<string, string>;
}

/** Result of account creation: the creation session and the §7 deletion notice. */
export interface CreateAccountResponse extends IssuedSession {
  accountId: string;
  deletionNotice: DeletionNotice;
}

/** What account creation uses of the AppContext: accounts, the hasher, the creation throttle, the audit log. */
export type AccountCreationDeps = Pick<
  AppContext,
  'accounts' | 'hasher' | 'creation' | 'now' | 'policy' | 'tx' | 'recordEvents'
>;

/**
 * §3: creates the account (attributes at Basisregistrierung, password means niedrig, block password)
 * and logs in. Input rules first (input-rules.ts, every entry point); then the attempt is counted per
 * client address (CreationThrottle) and both Argon2id hashes are computed BEFORE looking the name up,
 * so a taken name is answered after the same work as a free one (issue #7 item 6).
 */
export async function createAccountAndLogIn(
  ctx: AccountCreationDeps,
  sessions: SessionService,
  req: CreateAccountRequest,
  meta: RequestMeta,
): Promise<CreateAccountResponse> {
  const username = checkUsername(req.username);
  checkPassword(req.password, 'password');
  checkPassword(req.blockPassword, 'blockPassword');
  if (req.blockPassword === req.password)
    throw new ServiceError('validation', { field: 'blockPassword', reason: 'same-as-password' });
  ctx.creation.take(meta.ip);
  const [passwordHash, blockHash] = await Promise.all([
    ctx.hasher.hash(req.password),
    ctx.hasher.hash(req.blockPassword),
  ]);
  if (ctx.accounts.byUsername(username)) throw new ServiceError('username-taken');
  const now = ctx.now();
  const result = createAccount(
    {
      accountId: randomUUID(),
      username,
      passwordMeansId: randomUUID(),
      sessionId: sessions.newSessionId(),
      attributes: req.attributes,
      blockPasswordSet: true,
    },
    now,
    ctx.policy,
  );
  let issued: IssuedSession;
  try {
    issued = ctx.tx(() => {
      ctx.accounts.insert(result.account, passwordHash, blockHash);
      return sessions.issue(result.session, result.account);
    });
  } catch (e) {
    if (isUniqueViolation(e, 'accounts', 'username')) throw new ServiceError('username-taken');
    throw e;
  }
  ctx.recordEvents(result.events, meta.ip);
  return { ...issued, accountId: result.account.id, deletionNotice: result.deletionNotice };
}
