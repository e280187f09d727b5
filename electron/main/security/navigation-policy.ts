import { createOriginSet } from './app-origin';

/**
 * Checklist item 13: the window may only ever show our own UI. A navigation (will-navigate,
 * will-redirect, will-frame-navigate) is allowed only to a URL whose parsed origin is trusted;
 * everything else — http(s) pages, file:, data:, javascript:, look-alike hosts — is refused.
 */
export function createNavigationPolicy(
  trustedOrigins: readonly string[],
): (url: string) => boolean {
  return createOriginSet(trustedOrigins);
}

/** Answer for `setWindowOpenHandler` plus whether the URL may go to the OS browser instead. */
export type WindowOpenDecision = Readonly<{ action: 'deny'; openExternally: boolean }>;

/**
 * Checklist item 14: no new Electron windows, ever. A link the user clicked (target=_blank) that
 * passes the external-URL allowlist is handed to the OS browser instead; anything else is dropped.
 */
export function decideWindowOpen(
  url: string,
  isAllowedExternal: (url: string) => boolean,
): WindowOpenDecision {
  return { action: 'deny', openExternally: isAllowedExternal(url) };
}
