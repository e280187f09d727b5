import { isFaktorError } from '../../../../shared/errors';
import type { DesktopAction } from '../../../../shared/ipc/desktop-schemas';
import type { SameDeviceLinks } from '../servicekonto/same-device';

/**
 * Opens `faktor://` links from the OS: the window comes up, then the link is checked like a scanned
 * login QR and its confirm step shown. One that arrives while the vault is locked waits (only the
 * latest) until the vault is unlocked, since the unlock screen is what the window shows meanwhile.
 */
export function createLockedLinkOpener(deps: {
  links: Pick<SameDeviceLinks, 'open'>;
  /** Shows, restores and focuses the main window. */
  showWindow(): void;
  /** Tells the window what to show (the checked link's confirm step). */
  emit(action: DesktopAction): void;
  /** Any failure other than "locked", said plainly in the window. */
  fail(e: unknown): void;
}) {
  /** A link that arrived while the vault was locked; opened once it is unlocked. */
  let pendingLink: string | null = null;
  const open = async (link: string): Promise<void> => {
    deps.showWindow();
    try {
      const code = await deps.links.open(link);
      pendingLink = null;
      deps.emit({ kind: 'show-scan', result: { codes: [code], imagesScanned: 0 } });
    } catch (e) {
      // Locked: the unlock screen is showing; the link is opened right after the unlock.
      if (isFaktorError(e, 'vault-locked')) pendingLink = link;
      else deps.fail(e);
    }
  };
  return {
    /** A link from the OS: the window, then its confirm step (or it waits for the unlock). */
    open,
    /** The vault is unlocked: the waiting link, if any, is opened now (once); settles when it is shown. */
    async unlocked(): Promise<void> {
      if (pendingLink === null) return;
      const link = pendingLink;
      pendingLink = null;
      await open(link);
    },
  };
}
