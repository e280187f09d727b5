import { QR_IMAGE_LIMITS } from '../../../shared/qr/image-limits';

/**
 * The decisions behind a screen scan, kept out of the Electron adapter (platform/screen-capture.ts)
 * so they are unit-tested: what size to ask desktopCapturer for, which capture belongs to which
 * display, and in what order the app window is hidden and restored.
 */

/** What the plan needs to know about a display (subset of Electron's Display). */
export interface DisplayInfo {
  readonly id: number;
  readonly size: { readonly width: number; readonly height: number };
  readonly scaleFactor: number;
  readonly label?: string;
}

/** What the plan needs to know about a desktopCapturer source. */
export interface SourceInfo {
  readonly id: string;
  readonly name: string;
  /** Electron's `display_id`; empty on some Linux setups (and on Wayland's portal path). */
  readonly displayId: string;
}

/** A display's size in physical pixels (DIP size × scale factor), which is what a QR scan needs. */
export function nativeSize(d: DisplayInfo): { width: number; height: number } {
  return {
    width: Math.round(d.size.width * d.scaleFactor),
    height: Math.round(d.size.height * d.scaleFactor),
  };
}

/**
 * desktopCapturer takes ONE thumbnailSize for all screens and fits each capture inside it keeping the
 * aspect ratio; asking for the largest native width and height gets every display at (at least) its
 * native resolution. Capped to the decoder's limits so an 8K+ wall cannot exhaust memory.
 */
export function captureSize(displays: readonly DisplayInfo[]): { width: number; height: number } {
  let width = 1;
  let height = 1;
  for (const d of displays) {
    const n = nativeSize(d);
    width = Math.max(width, n.width);
    height = Math.max(height, n.height);
  }
  const side = QR_IMAGE_LIMITS.maxSide;
  const pixelScale = Math.sqrt(Math.min(1, QR_IMAGE_LIMITS.maxPixels / (width * height)));
  const scale = Math.min(1, side / width, side / height, pixelScale);
  return { width: Math.floor(width * scale), height: Math.floor(height * scale) };
}

/**
 * Pairs captures with displays: by `display_id` when Electron provides it, else by order (the
 * capturer lists screens in display order). Sources that match no display are still scanned, labelled
 * by their own name.
 */
export function matchSources<S extends SourceInfo>(
  sources: readonly S[],
  displays: readonly DisplayInfo[],
): { source: S; display: DisplayInfo | null; label: string }[] {
  const used = new Set<number>();
  const byId = sources.map(
    (s) => displays.find((d) => s.displayId !== '' && String(d.id) === s.displayId) ?? null,
  );
  byId.forEach((d) => d && used.add(d.id));
  const free = displays.filter((d) => !used.has(d.id));
  return sources.map((source, i) => {
    const display = byId[i] ?? (source.displayId === '' ? (free.shift() ?? null) : null);
    const index = display ? displays.indexOf(display) + 1 : i + 1;
    const label = display?.label?.trim() || source.name.trim() || `Screen ${index}`;
    return { source, display, label };
  });
}

/** The app window as the capture sees it (subset of BrowserWindow). */
export interface HideableWindow {
  isVisible(): boolean;
  isFocused(): boolean;
  isMinimized(): boolean;
  hide(): void;
  showInactive(): void;
  show(): void;
  focus(): void;
}

/** Time the compositor needs to actually remove a hidden window from the screen before capturing. */
export const HIDE_SETTLE_MS = 250;

/**
 * Hides the window, waits for the compositor, runs the capture, and restores the window exactly as it
 * was (visible/focused) even when the capture throws. A minimised or hidden window is left alone.
 */
export async function withWindowHidden<T>(
  win: HideableWindow | null,
  sleep: (ms: number) => Promise<void>,
  capture: () => Promise<T>,
): Promise<T> {
  const hide = win !== null && win.isVisible() && !win.isMinimized();
  const focused = hide && win.isFocused();
  if (hide) {
    win.hide();
    await sleep(HIDE_SETTLE_MS);
  }
  try {
    return await capture();
  } finally {
    if (hide) {
      if (focused) {
        win.show();
        win.focus();
      } else {
        win.showInactive();
      }
    }
  }
}
