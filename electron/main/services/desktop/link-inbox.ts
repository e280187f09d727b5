import { isSameDeviceLink } from '../../../../shared/servicekonto/same-device-link';

/** How many links are held before the window is ready; a page firing more only repeats itself. */
export const MAX_EARLY_LINKS = 8;

/**
 * Where `faktor://` links from the OS arrive (docs/desktop.md): the launch argv and a second instance's
 * argv (Windows, Linux), macOS open-url (also before 'ready'). Only arguments that are our links are
 * taken; they are held until the window has loaded, then handed to the desktop actions (which check
 * them like a scanned login QR). platform/bootstrap.ts only forwards what Electron gives it.
 */
export function createLinkInbox() {
  let open: ((link: string) => void) | null = null;
  const early: string[] = [];
  return {
    /** A command line or an open-url: each argument that is a faktor:// link is opened, or held until `attach`. */
    receive(args: readonly unknown[]): void {
      for (const link of args.filter(isSameDeviceLink)) {
        if (open) open(link);
        else if (early.length < MAX_EARLY_LINKS) early.push(link);
      }
    },
    /** The window is ready: from now on links go to `target`, those held first, in order. */
    attach(target: (link: string) => void): void {
      open = target;
      for (const link of early.splice(0)) target(link);
    },
  };
}

/** The link inbox's shape. */
export type LinkInbox = ReturnType<typeof createLinkInbox>;
