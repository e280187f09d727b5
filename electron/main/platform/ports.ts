import { app, clipboard, ClipboardItem, dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { FileDialogs, FileFilter } from '../ports';
import { concealedClipboardEntries } from '../security/clipboard-hints';
import { DESTRUCTIVE_CONSENT } from '../security/destructive-consent';
import {
  consentGiven,
  PLAIN_EXPORT_CONSENT,
  type PlainExportConsentText,
} from '../security/plain-export-consent';

/**
 * Electron adapters for electron/main/ports.ts (clipboard, file dialogs, locale). Thin on purpose:
 * the logic that uses them lives in services and is tested with doubles.
 */

/** Electron 45's clipboard is asynchronous (W3C-style `readText(): Promise<string>`, see electron.d.ts). */
export interface AsyncClipboard {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  writeConcealed(text: string): Promise<void>;
}

/**
 * The system clipboard. Only the regular clipboard — a code is never put in the X11 selection. A code
 * goes in with the concealment hints of security/clipboard-hints.ts, all formats in one ClipboardItem
 * (Electron commits one write() atomically), so no manager ever sees the text without its hint.
 */
export const electronClipboard: AsyncClipboard = {
  writeText: (text) => clipboard.writeText(text),
  readText: () => clipboard.readText(),
  writeConcealed: (text) =>
    clipboard.write([
      new ClipboardItem(
        Object.fromEntries(
          concealedClipboardEntries(process.platform, text).map((e) => [
            e.format,
            typeof e.data === 'string' ? e.data : new Blob([Uint8Array.from(e.data)]),
          ]),
        ),
      ),
    ]),
};

/** Native save/open dialogs, modal to `parent()` when there is a window. */
export function electronFileDialogs(parent: () => BrowserWindow | null): FileDialogs {
  /** A native warning with "Cancel" as default and escape button: only a click on button 0 agrees. */
  const ask = async (text: PlainExportConsentText): Promise<boolean> => {
    const options = {
      type: 'warning' as const,
      title: text.title,
      message: text.message,
      detail: text.detail,
      buttons: [...text.buttons],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    };
    const win = parent();
    const result = win
      ? await dialog.showMessageBox(win, options)
      : await dialog.showMessageBox(options);
    return consentGiven(result.response);
  };
  const toFilters = (filters: readonly FileFilter[]) =>
    filters.map((f) => ({ name: f.name, extensions: [...f.extensions] }));
  return {
    async chooseSaveFile(defaultName) {
      const options = {
        defaultPath: join(app.getPath('documents'), defaultName),
        properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<
          'createDirectory' | 'showOverwriteConfirmation'
        >,
      };
      const win = parent();
      const result = win
        ? await dialog.showSaveDialog(win, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseOpenFile(filters) {
      const options = {
        properties: ['openFile'] as Array<'openFile'>,
        filters: toFilters(filters),
      };
      const win = parent();
      const result = win
        ? await dialog.showOpenDialog(win, options)
        : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    confirmPlainExport: (language) => ask(PLAIN_EXPORT_CONSENT[language]),
    confirmDestructive: (action, language) => ask(DESTRUCTIVE_CONSENT[action][language]),
  };
}

/** The user's preferred OS language (e.g. 'de-DE'), falling back to Chromium's UI locale. */
export function electronLocale(): string {
  return app.getPreferredSystemLanguages()[0] ?? app.getLocale();
}
