import { CtapError, Status } from '../../../shared/ctap/errors';

/**
 * How the simulated user behaves when the key asks for a touch: at once, after a delay (the key sends
 * KEEPALIVE UPNEEDED meanwhile), never (the client must cancel or time out), or refuse.
 */
export type TouchPolicy =
  | { readonly mode: 'auto' }
  | { readonly mode: 'after'; readonly ms: number }
  | { readonly mode: 'never' }
  | { readonly mode: 'deny' };

/** What the CTAPHID layer hands the authenticator for one request. */
export interface RequestContext {
  /** Resolves once the user touched the key; rejects with a status error on cancel, timeout or deny. */
  waitForTouch(): Promise<void>;
  /** True when a touch is available right now (U2F polls instead of waiting). */
  touchedNow(): boolean;
}

/**
 * Waits for the simulated touch, calling `keepalive` every `intervalMs`, and failing with
 * KEEPALIVE_CANCEL when `signal` aborts or USER_ACTION_TIMEOUT after `timeoutMs`.
 */
export function waitForTouch(
  policy: TouchPolicy,
  signal: AbortSignal,
  keepalive: () => void,
  intervalMs = 100,
  timeoutMs = 30_000,
): Promise<void> {
  if (policy.mode === 'auto') return Promise.resolve();
  if (policy.mode === 'deny') return Promise.reject(CtapError.fromStatus(Status.OPERATION_DENIED));
  return new Promise((resolve, reject) => {
    const timers: ReturnType<typeof setTimeout>[] = [];
    const finish = (error?: CtapError): void => {
      timers.forEach((t) => clearTimeout(t));
      clearInterval(ticker);
      signal.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    const onAbort = (): void => finish(CtapError.fromStatus(Status.KEEPALIVE_CANCEL));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort);
    const ticker = setInterval(keepalive, intervalMs);
    keepalive();
    timers.push(
      setTimeout(() => finish(CtapError.fromStatus(Status.USER_ACTION_TIMEOUT)), timeoutMs),
    );
    if (policy.mode === 'after') timers.push(setTimeout(() => finish(), policy.ms));
  });
}
