import { Menu, nativeImage, Tray, type MenuItemConstructorOptions } from 'electron';
import type { DesktopActions } from '../services/desktop/desktop-actions';
import { TRAY_ICON_PNG_BASE64 } from '../services/desktop/tray-icon';
import type { TrayItem } from '../services/desktop/tray-menu';

/**
 * The tray / menu-bar icon: renders the menu model (services/desktop/tray-menu.ts, built by
 * desktop.trayMenu()) as an Electron Menu and sends a click back as its command (desktop.run). Rebuilt
 * whenever the desktop actions say the state changed. Nothing is decided here.
 */
export function createTray(desktop: DesktopActions): { destroy(): void } {
  const tray = new Tray(nativeImage.createFromBuffer(Buffer.from(TRAY_ICON_PNG_BASE64, 'base64')));
  tray.setToolTip('Faktor');
  const toOptions = (item: TrayItem): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator' };
    if (item.type === 'heading') return { label: item.label, enabled: false };
    return {
      label: item.label,
      enabled: item.enabled,
      click: () => void desktop.run(item.command),
    };
  };
  let generation = 0;
  const refresh = (): void => {
    const mine = ++generation;
    void desktop.trayMenu().then(
      (items) => {
        if (mine === generation && !tray.isDestroyed())
          tray.setContextMenu(Menu.buildFromTemplate(items.map(toOptions)));
      },
      (e: unknown) => console.error('faktor: tray menu', e instanceof Error ? e.name : 'error'),
    );
  };
  // Left click (Windows, Linux with an AppIndicator host) brings the window up; the menu is the right click.
  tray.on('click', () => desktop.showWindow());
  const off = desktop.onChange(refresh);
  refresh();
  return {
    destroy() {
      off();
      tray.destroy();
    },
  };
}
