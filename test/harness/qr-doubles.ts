import { PNG } from 'pngjs';
import type { CapturedDisplay, QrScanPorts } from '../../electron/main/services/qr-scan';

/**
 * DOUBLE of the QR scan sources (Electron's desktopCapturer and clipboard image cannot run here): the
 * "screens" are PNGs the test sets — typically a Chromium screenshot of a page served on 127.0.0.1 —
 * decoded to raw pixels like desktopCapturer's bitmaps. The decoder, router and api behind it are real.
 */
export class ScriptedQrSources implements QrScanPorts {
  private screens: CapturedDisplay[] = [];
  /** PNG/JPEG bytes the clipboard holds, or null. */
  clipboardImage: Uint8Array | null = null;
  /** How many screen captures the app asked for. */
  captures = 0;

  /** Sets what the displays show, one PNG per display. */
  showOnScreens(...pngs: Uint8Array[]): void {
    this.screens = pngs.map((png, i) => {
      const p = PNG.sync.read(Buffer.from(png));
      return {
        id: String(i + 1),
        label: `Test screen ${i + 1}`,
        image: { width: p.width, height: p.height, data: new Uint8Array(p.data) },
      };
    });
  }

  captureScreens = async (): Promise<CapturedDisplay[]> => {
    this.captures++;
    // A fresh buffer per capture, as desktopCapturer gives (the decoder takes ownership of it).
    return this.screens.map((s) => ({ ...s, image: { ...s.image, data: s.image.data.slice() } }));
  };

  readClipboardImage = async (): Promise<Uint8Array | null> => this.clipboardImage;
}
