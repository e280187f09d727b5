import type { DesktopStatus } from '../../../../shared/ipc/desktop-schemas';
import { bridge, unwrap } from '../../api/bridge';

/** Which global shortcuts main could register (for the settings screen). */
export const desktopStatus = (): Promise<DesktopStatus> => unwrap(bridge().desktopStatus({}));
