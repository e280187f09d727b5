import { describe, expect, it } from 'vitest';
import { FaktorError, isFaktorError } from '../../../../shared/errors';
import { createQrHandlers } from '../../../../electron/main/qr-api';
import { systemClock, type Ports } from '../../../../electron/main/ports';
import type { QrDecoder } from '../../../../electron/main/services/qr-decoder';

const ports = (captures: { n: number }): Ports => ({
  clipboard: { writeText: () => undefined, readText: () => '' },
  dialogs: { chooseSaveFile: async () => null, chooseOpenFile: async () => null },
  clock: systemClock,
  locale: () => 'en-US',
  emit: () => undefined,
  qrSources: { captureScreens: async () => (captures.n++, []), readClipboardImage: async () => null },
});

/** Must never be reached while locked. */
const decoder: QrDecoder = {
  decodeImage: async () => {
    throw new Error('decoder must not run while locked');
  },
  close: async () => undefined,
};

describe('QR channels and the app lock', () => {
  it('refuse to capture or decode anything while the vault is locked', async () => {
    const captures = { n: 0 };
    const locked = {
      list: async () => Promise.reject(new FaktorError('vault-locked')),
      add: async () => Promise.reject(new FaktorError('vault-locked')),
      importAccounts: async () => Promise.reject(new FaktorError('vault-locked')),
    };
    const h = createQrHandlers({ vault: locked, ports: ports(captures), decoder });
    const isLocked = (e: unknown) => isFaktorError(e, 'vault-locked');
    await expect(h['qr-scan-screen']({})).rejects.toSatisfy(isLocked);
    await expect(h['qr-scan-clipboard']({})).rejects.toSatisfy(isLocked);
    await expect(h['qr-decode-image']({ base64: 'iVBORw0KGgo=', source: 'image' })).rejects.toSatisfy(isLocked);
    expect(captures.n).toBe(0);
  });

  it('scan the screen once unlocked', async () => {
    const captures = { n: 0 };
    const open = { list: async () => [], add: async () => Promise.reject(new Error('unused')), importAccounts: async () => Promise.reject(new Error('unused')) };
    const h = createQrHandlers({ vault: open, ports: ports(captures), decoder });
    expect(await h['qr-scan-screen']({})).toEqual({ codes: [], imagesScanned: 0 });
    expect(captures.n).toBe(1);
  });
});
