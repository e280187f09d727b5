import { desktopCapturer, screen, type BrowserWindow } from 'electron';
import { FaktorError } from '../../../shared/errors';
import {
  captureSize,
  matchSources,
  withWindowHidden,
  type DisplayInfo,
} from '../services/qr-screen-plan';
import type { CapturedDisplay } from '../services/qr-scan';

/**
 * Thin Electron adapter for "scan the screen": every display through desktopCapturer at its native
 * resolution, the app window hidden meanwhile. The decisions (size, matching, hide/restore order) live
 * in services/qr-screen-plan.ts and are unit-tested there.
 *
 * Linux Wayland: Electron's desktopCapturer goes through xdg-desktop-portal (ScreenCast + PipeWire);
 * the portal shows its own picker and returns the screen(s) the user chose, usually without a
 * display_id (matched by order then). If the user cancels the portal, no source comes back and we
 * report screen-capture-denied. macOS: needs the Screen Recording permission; without it the captures
 * are the wallpaper only, which decodes to "no code" — the UI points to the other sources.
 */
export function createScreenCapture(
  getWindow: () => BrowserWindow | null,
): () => Promise<CapturedDisplay[]> {
  return async () => {
    const displays: DisplayInfo[] = screen
      .getAllDisplays()
      .map((d) => ({ id: d.id, size: d.size, scaleFactor: d.scaleFactor, label: d.label }));
    return withWindowHidden(
      getWindow(),
      (ms) => new Promise((r) => setTimeout(r, ms)),
      async () => {
        let sources: Electron.DesktopCapturerSource[];
        try {
          sources = await desktopCapturer.getSources({
            types: ['screen'],
            thumbnailSize: captureSize(displays),
            fetchWindowIcons: false,
          });
        } catch {
          throw new FaktorError('screen-capture-denied', 'desktopCapturer failed');
        }
        if (sources.length === 0)
          throw new FaktorError('screen-capture-denied', 'no screen source');
        const matched = matchSources(
          sources.map((s) => ({
            id: s.id,
            name: s.name,
            displayId: s.display_id,
            thumbnail: s.thumbnail,
          })),
          displays,
        );
        return matched
          .filter((m) => !m.source.thumbnail.isEmpty())
          .map((m) => {
            const { width, height } = m.source.thumbnail.getSize();
            // toBitmap() is the platform's native order: BGRA on Windows/Linux/macOS (little endian).
            return {
              id: m.display ? String(m.display.id) : m.source.id,
              label: m.label,
              image: { width, height, data: m.source.thumbnail.toBitmap(), order: 'bgra' as const },
            };
          });
      },
    );
  };
}
