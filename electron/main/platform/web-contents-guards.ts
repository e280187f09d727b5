import { app, type WebContents } from 'electron';
import { createNavigationPolicy, decideWindowOpen } from '../security/navigation-policy';
import { isAllowedExternalUrl, openExternalSafely } from './safe-shell';

/**
 * Checklist items 12–14 for every WebContents the app ever creates (installed app-wide through
 * `web-contents-created`, so a window someone adds later is covered too): navigation and redirects
 * only within our origins, no new windows (allowlisted links go to the OS browser), no webviews.
 */
export function installWebContentsGuards(trustedOrigins: readonly string[]): void {
  const mayNavigate = createNavigationPolicy(trustedOrigins);

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => {
      if (!mayNavigate(event.url)) event.preventDefault();
    });
    contents.on('will-frame-navigate', (event) => {
      if (!mayNavigate(event.url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => {
      if (!mayNavigate(event.url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => {
      event.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      const decision = decideWindowOpen(url, isAllowedExternalUrl);
      if (decision.openExternally) void openExternalSafely(url);
      return { action: decision.action };
    });
  });
}
