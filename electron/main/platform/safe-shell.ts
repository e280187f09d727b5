// eslint-disable-next-line no-restricted-imports -- the one allowed user of shell.openExternal
import { shell } from 'electron';
import { ALLOWED_EXTERNAL_URLS, createExternalUrlPolicy } from '../security/external-url-policy';

/** Whether a URL may be opened in the OS browser (the allowlist from security/external-url-policy). */
export const isAllowedExternalUrl: (url: string) => boolean = (() => {
  const policy = createExternalUrlPolicy(ALLOWED_EXTERNAL_URLS);
  return (url: string) => policy(url) !== null;
})();

/**
 * Checklist item 15: the only way Faktor hands a URL to the OS. Opens it only if it passes the
 * allowlist; otherwise logs (without the URL, which may carry tokens) and returns false.
 */
export async function openExternalSafely(url: string): Promise<boolean> {
  const safe = createExternalUrlPolicy(ALLOWED_EXTERNAL_URLS)(url);
  if (safe === null) {
    console.warn('shell: blocked an attempt to open a URL that is not on the allowlist');
    return false;
  }
  await shell.openExternal(safe);
  return true;
}
