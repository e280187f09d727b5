import { describe, expect, it } from 'vitest';
import { FaktorError, isFaktorError } from '../../../../shared/errors';
import { createQrHandlers } from '../../../../electron/main/api/qr';
import { systemClock, type Ports } from '../../../../electron/main/ports';
import { createQrDecoder, type QrDecoder } from '../../../../electron/main/services/qr-decoder';
import { blank, drawQr, qrMatrix, toPng } from '../../../../bench/qr/synth';

const ports = (captures: { n: number }): Ports => ({
  clipboard: { writeText: () => undefined, readText: () => '' },
  dialogs: { chooseSaveFile: async () => null, chooseOpenFile: async () => null },
  clock: systemClock,
  locale: () => 'en-US',
  emit: () => undefined,
  qrSources: {
    captureScreens: async () => (captures.n++, []),
    readClipboardImage: async () => null,
  },
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
    await expect(
      h['qr-decode-image']({ base64: 'iVBORw0KGgo=', source: 'image' }),
    ).rejects.toSatisfy(isLocked);
    await expect(h['qr-add-account']({ token: 'aaaaaaaaaaaaaaaaaaaa' })).rejects.toSatisfy(
      isLocked,
    );
    expect(captures.n).toBe(0);
  });

  it('scan the screen once unlocked', async () => {
    const captures = { n: 0 };
    const open = {
      list: async () => [],
      add: async () => Promise.reject(new Error('unused')),
      importAccounts: async () => Promise.reject(new Error('unused')),
    };
    const h = createQrHandlers({ vault: open, ports: ports(captures), decoder });
    expect(await h['qr-scan-screen']({})).toEqual({ codes: [], imagesScanned: 0 });
    expect(captures.n).toBe(1);
  });

  it('forget scanned payloads once a call finds the vault locked', async () => {
    const real = createQrDecoder();
    try {
      let locked = false;
      const added: string[] = [];
      const vault = {
        list: async () => (locked ? Promise.reject(new FaktorError('vault-locked')) : []),
        add: async (a: { issuer: string }) => (
          added.push(a.issuer),
          Promise.reject(new FaktorError('internal', 'not needed'))
        ),
        importAccounts: async () => Promise.reject(new Error('unused')),
      };
      const h = createQrHandlers({ vault, ports: ports({ n: 0 }), decoder: real });
      const img = blank(300, 300);
      drawQr(img, qrMatrix('otpauth://totp/Locked:me?secret=JBSWY3DPEHPK3PXP&issuer=Locked'), {
        cx: 150,
        cy: 150,
        module: 4,
      });
      const { codes } = await h['qr-decode-image']({
        base64: toPng(img).toString('base64'),
        source: 'image',
      });
      expect(codes).toHaveLength(1);
      locked = true;
      await expect(h['qr-scan-clipboard']({})).rejects.toSatisfy((e: unknown) =>
        isFaktorError(e, 'vault-locked'),
      );
      locked = false;
      await expect(h['qr-add-account']({ token: codes[0]!.token })).rejects.toSatisfy(
        (e: unknown) => isFaktorError(e, 'not-found'),
      );
      expect(added).toEqual([]);
    } finally {
      await real.close();
    }
  });
});
