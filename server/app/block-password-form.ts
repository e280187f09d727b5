/**
 * The §4.4 public block form: username + block password block one means, every usable means of a
 * kind, or every usable means — without logging in (AuthService.blockWithPassword).
 */
import type { AppContext, RequestMeta } from './context';
import { ServiceError, authFailed } from './errors';
import { reserveAttempt } from './reserve-attempt';
import { blockWithBlockPassword, type BlockTarget, type MeansKind } from '../domain';

/** What the block form names: the username, the block password and optionally one kind or one means. */
export interface BlockPasswordRequest {
  username: string;
  blockPassword: string;
  kind?: MeansKind | 'all';
  meansId?: string;
}

/** What the block form uses of the AppContext: accounts and hashes, the hasher, the login throttle, the audit log. */
export type BlockPasswordDeps = Pick<
  AppContext,
  'accounts' | 'hasher' | 'throttle' | 'usernameTag' | 'now' | 'tx' | 'record' | 'recordEvents'
>;

/**
 * §4.4 public block form: username + block password block one means (by id), every usable means of
 * a kind, or (default) every usable means. The block password is verified exactly ONCE with
 * Argon2id — against a dummy hash when the user does not exist — and every failure (unknown user,
 * wrong block password, nothing to block) is the same generic 401 after that same work. Guesses are
 * throttled with the login counters (per typed username and per IP, 429 + Retry-After).
 */
export async function blockWithBlockPasswordForm(
  ctx: BlockPasswordDeps,
  req: BlockPasswordRequest,
  meta: RequestMeta,
): Promise<{ blocked: string[] }> {
  if (req.kind !== undefined && req.meansId !== undefined)
    throw new ServiceError('validation', { field: 'kind', reason: 'kind-or-meansId' });
  const attempt = reserveAttempt(ctx, req.username, meta.ip, 'block-password.throttled');
  const target: BlockTarget =
    req.meansId !== undefined ? { meansId: req.meansId } : { kind: req.kind ?? 'all' };
  const account = ctx.accounts.byUsername(req.username.trim());
  const blockHash = account && ctx.accounts.hashes(account.id)?.blockPasswordHash;
  const ok = blockHash
    ? await ctx.hasher.verify(blockHash, req.blockPassword)
    : await ctx.hasher.burn(req.blockPassword);
  const now = ctx.now();
  const result =
    account && ok
      ? ctx.tx(() => {
          const acc = ctx.accounts.byId(account.id);
          const out = acc && blockWithBlockPassword(acc, target, now);
          if (!out || out.blocked.length === 0) return undefined;
          ctx.accounts.save(out.account);
          ctx.recordEvents(out.events, meta.ip);
          attempt.succeed();
          return { blocked: [...out.blocked] };
        })
      : undefined;
  if (!result) {
    attempt.fail(); // counted by reserve() before the await
    ctx.record('block-password.fail', account?.id ?? null, meta.ip, {});
    throw authFailed();
  }
  return result;
}
