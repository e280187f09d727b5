import { describe, expect, it } from 'vitest';
import {
  concealedClipboardEntries,
  rawFormat,
} from '../../../../electron/main/security/clipboard-hints';
import {
  consentGiven,
  PLAIN_EXPORT_CONSENT,
} from '../../../../electron/main/security/plain-export-consent';

/** Issue #7 items 10 and 11: the pure decisions behind the Electron clipboard and dialog adapters. */
describe('concealedClipboardEntries', () => {
  const formats = (platform: string) =>
    concealedClipboardEntries(platform, '123456').map((e) => e.format);

  it('puts the code first as text/plain on every platform', () => {
    for (const p of ['linux', 'win32', 'darwin', 'aix'])
      expect(concealedClipboardEntries(p, '123456')[0]).toEqual({
        format: 'text/plain',
        data: '123456',
      });
  });

  it('Linux: x-kde-passwordManagerHint = "secret"', () => {
    expect(concealedClipboardEntries('linux', '1')).toContainEqual({
      format: 'electron application/osclipboard;format="x-kde-passwordManagerHint"',
      data: 'secret',
    });
  });

  it('Windows: excluded from monitors, history and cloud clipboard (DWORD 0 where a value is read)', () => {
    expect(formats('win32')).toEqual([
      'text/plain',
      rawFormat('ExcludeClipboardContentFromMonitorProcessing'),
      rawFormat('CanIncludeInClipboardHistory'),
      rawFormat('CanUploadToCloudClipboard'),
    ]);
    for (const e of concealedClipboardEntries('win32', '1').slice(1))
      expect(e.data).toEqual(Uint8Array.of(0, 0, 0, 0));
  });

  it('macOS: org.nspasteboard.ConcealedType', () => {
    expect(formats('darwin')).toEqual(['text/plain', rawFormat('org.nspasteboard.ConcealedType')]);
  });

  it('never carries the code in a hint', () => {
    for (const p of ['linux', 'win32', 'darwin']) {
      for (const e of concealedClipboardEntries(p, '987654').slice(1))
        expect(String(e.data)).not.toContain('987654');
    }
  });
});

describe('plain-export consent dialog', () => {
  it('only the first (export) button consents; cancel, escape and close do not', () => {
    expect(consentGiven(0)).toBe(true);
    for (const r of [1, -1, 2, Number.NaN]) expect(consentGiven(r)).toBe(false);
  });

  it('has both languages, each naming the risk and with a cancel button', () => {
    expect(PLAIN_EXPORT_CONSENT.de.buttons[1]).toBe('Abbrechen');
    expect(PLAIN_EXPORT_CONSENT.en.buttons[1]).toBe('Cancel');
    expect(PLAIN_EXPORT_CONSENT.de.message).toMatch(/unverschlüsselt/);
    expect(PLAIN_EXPORT_CONSENT.en.message).toMatch(/plain text/);
  });
});
