import { isFaktorError } from '../../../../shared/errors';
import type { DesktopAction } from '../../../../shared/ipc/desktop-schemas';
import type { SameDeviceLinks } from '../servicekonto/same-device';

/**
 * Opens `faktor://` links from the OS; one that arrives while the vault is locked waits (only the
 * latest) until the vault is unlocked, since the unlock screen is what the window shows meanwhile.
 */
export function createLockedLinkOpener(deps: {
  links: SameDeviceLinks;
  /** Shows the checked link's confirm step in the window. */
  show(action: DesktopAction): void;
  /** Any failure other than "locked", said plainly in the window. */
  fail(e: unknown): void;
}) {
  /** A link that arrived while the vault was locked; opened once it is unlocked. */
  let pendingLink: string | null = null;
  const open = async (link: string): Promise<void> => {
    try {
      const code = await deps.links.open(link);
      pendingLink = null;
      deps.show({ kind: 'show-scan', result: { codes: [code], imagesScanned: 0 } });
    } catch (e) {
      if (isFaktorError(e, 'vault-locked')) pendingLink = link;
      else deps.fail(e);
    }
  };
  return {
    /** Checks a link like a scanned login QR, then its confirm step; waits for the unlock when locked. */
    open,
    /** The vault is unlocked: the waiting link, if any, is opened now. */
    unlocked(): void {
      if (pendingLink === null) return;
      const link = pendingLink;
      pendingLink = null;
      void open(link);
    },
  };
}
