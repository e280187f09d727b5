/**
 * What to put on the clipboard with a copied code so clipboard managers and the OS history leave it
 * out (issue #7 item 10). Pure so it is unit-tested; platform/ports.ts hands the entries to Electron's
 * `clipboard.write` in ONE ClipboardItem, which commits all formats atomically.
 *
 * - Linux (KDE Klipper, CopyQ, GPaste and others read it): `x-kde-passwordManagerHint` = "secret".
 * - Windows: `ExcludeClipboardContentFromMonitorProcessing` (any data: history, cloud clipboard and
 *   monitors skip the item), plus `CanIncludeInClipboardHistory` and `CanUploadToCloudClipboard` as
 *   DWORD 0 for the built-in history (learn.microsoft.com "Cloud Clipboard and Clipboard History Formats").
 * - macOS: `org.nspasteboard.ConcealedType` (nspasteboard.org), honoured by the common managers.
 */

/** One clipboard format: its MIME type (or raw OS format, see rawFormat) and its bytes or text. */
export interface ClipboardEntry {
  readonly format: string;
  readonly data: string | Uint8Array;
}

/** Electron's spelling of a raw OS clipboard format (electron.d.ts, `clipboard.has`). */
export function rawFormat(name: string): string {
  return `electron application/osclipboard;format="${name}"`;
}

const DWORD_ZERO = Uint8Array.of(0, 0, 0, 0);

/** The entries to write for a code on `platform` (process.platform): the text first, then the hints. */
export function concealedClipboardEntries(platform: string, text: string): ClipboardEntry[] {
  const entries: ClipboardEntry[] = [{ format: 'text/plain', data: text }];
  switch (platform) {
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      entries.push({ format: rawFormat('x-kde-passwordManagerHint'), data: 'secret' });
      break;
    case 'win32':
      entries.push(
        { format: rawFormat('ExcludeClipboardContentFromMonitorProcessing'), data: DWORD_ZERO },
        { format: rawFormat('CanIncludeInClipboardHistory'), data: DWORD_ZERO },
        { format: rawFormat('CanUploadToCloudClipboard'), data: DWORD_ZERO },
      );
      break;
    case 'darwin':
      entries.push({ format: rawFormat('org.nspasteboard.ConcealedType'), data: '' });
      break;
    default:
      break;
  }
  return entries;
}
