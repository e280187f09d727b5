import { afterAll, describe, expect, it } from 'vitest';
import { isFaktorError } from '../../../../shared/errors';
import { formatMigrationUri } from '../../../../shared/otp/migration';
import type { OtpParams } from '../../../../shared/otp/types';
import { ScanResult } from '../../../../shared/qr/found-code';
import { createQrDecoder } from '../../../../electron/main/services/qr-decoder';
import {
  createQrScanService,
  TOKEN_TTL_MS,
  type QrVault,
} from '../../../../electron/main/services/qr-scan';
import { blank, drawQr, qrMatrix, toPng, type Rgba } from '../../../../bench/qr/synth';

const decoder = createQrDecoder();
afterAll(() => decoder.close());

const SECRET_B32 = 'JBSWY3DPEHPK3PXP';
const OTPAUTH = `otpauth://totp/Example:alice@example.com?secret=${SECRET_B32}&issuer=Example`;

function withCodes(...payloads: string[]): Rgba {
  const img = blank(400 * Math.max(1, payloads.length), 400);
  payloads.forEach((p, i) => drawQr(img, qrMatrix(p), { cx: 200 + 400 * i, cy: 200, module: 3 }));
  return img;
}
const base64 = (img: Rgba) => toPng(img).toString('base64');

function setup(opts: { screens?: Rgba[]; clipboard?: Rgba | null } = {}) {
  const added: OtpParams[] = [];
  const imported: OtpParams[][] = [];
  let now = 1_000;
  const vault: QrVault = {
    async add(p) {
      added.push(p);
      return {
        id: 'acc-00000001',
        type: p.type,
        issuer: p.issuer,
        label: p.label,
        algorithm: p.algorithm,
        digits: p.digits,
        period: p.period,
        counter: p.counter,
        color: null,
        icon: null,
        createdAt: now,
        pinned: false,
        tags: [],
        lastUsed: null,
      };
    },
    async importAccounts(list) {
      imported.push([...list]);
      return { imported: list.length, duplicates: [] };
    },
  };
  const svc = createQrScanService({
    decoder,
    vault,
    now: () => now,
    ports: {
      captureScreens: opts.screens
        ? async () =>
            opts.screens!.map((image, i) => ({
              id: String(100 + i),
              label: `Display ${i + 1}`,
              image: { ...image, data: image.data.slice() },
            }))
        : undefined,
      readClipboardImage: async () => (opts.clipboard ? toPng(opts.clipboard) : null),
    },
  });
  return { svc, added, imported, advance: (ms: number) => (now += ms) };
}

const acc = (i: number): OtpParams => ({
  type: 'totp',
  secret: new Uint8Array([i, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  issuer: `Svc${i}`,
  label: `u${i}`,
});

describe('QR scan service', () => {
  it('scans every display, labels the source and where the code is, and never returns the payload or a picture of it', async () => {
    const { svc } = setup({ screens: [withCodes(), withCodes(OTPAUTH, 'hello')] });
    const res = await svc.scanScreen();
    expect(() => ScanResult.parse(res)).not.toThrow();
    expect(res.imagesScanned).toBe(2);
    expect(res.codes.map((c) => c.route.kind).sort()).toEqual(['add-account', 'text']);
    const add = res.codes.find((c) => c.route.kind === 'add-account')!;
    expect(add.source).toEqual({ kind: 'screen', displayId: '101', displayLabel: 'Display 2' });
    expect(add.route).toMatchObject({
      summary: { issuer: 'Example', label: 'alice@example.com', algorithm: 'SHA1', digits: 6 },
    });
    // Where it is (display 2 is 800×400, the code is centred at x 200) — but no image of any kind.
    expect(add.imageSize).toEqual({ width: 800, height: 400 });
    expect(add.position.topLeft.x).toBeLessThan(200);
    expect(add.position.bottomRight.x).toBeGreaterThan(200);
    for (const c of res.codes)
      expect(Object.keys(c).sort()).toEqual(['imageSize', 'position', 'route', 'source', 'token']);
    expect(JSON.stringify(res)).not.toContain(SECRET_B32);
    expect(JSON.stringify(res)).not.toMatch(/data:|base64|iVBOR|\/9j\//);
  });

  it('reports screen-capture-denied without a capture port, and nothing for an empty clipboard', async () => {
    const { svc } = setup();
    await expect(svc.scanScreen()).rejects.toSatisfy((e: unknown) =>
      isFaktorError(e, 'screen-capture-denied'),
    );
    expect(await svc.scanClipboard()).toEqual({ codes: [], imagesScanned: 0 });
  });

  it('decodes the clipboard image and picked files; no code is an empty list', async () => {
    const { svc } = setup({ clipboard: withCodes('clip') });
    expect((await svc.scanClipboard()).codes.map((c) => c.route)).toEqual([
      { kind: 'text', text: 'clip' },
    ]);
    expect(
      (await svc.decodeImage({ base64: base64(blank(300, 300)), source: 'image' })).codes,
    ).toEqual([]);
    const cam = await svc.decodeImage({ base64: base64(withCodes('cam')), source: 'camera' });
    expect(cam.codes[0]).toMatchObject({
      source: { kind: 'camera' },
      imageSize: { width: 400, height: 400 },
    });
    expect(cam.codes[0]).not.toHaveProperty('thumbnail');
  });

  it('adds an account only by token, once, and refuses tokens of other kinds or unknown ones', async () => {
    const { svc, added } = setup();
    const res = await svc.decodeImage({
      base64: base64(withCodes(OTPAUTH, 'just text')),
      source: 'image',
    });
    const add = res.codes.find((c) => c.route.kind === 'add-account')!;
    const text = res.codes.find((c) => c.route.kind === 'text')!;
    await expect(svc.addAccount({ token: text.token })).rejects.toSatisfy((e: unknown) =>
      isFaktorError(e, 'unsupported-payload'),
    );
    await svc.addAccount({ token: add.token });
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ issuer: 'Example', label: 'alice@example.com' });
    await expect(svc.addAccount({ token: add.token })).rejects.toSatisfy((e: unknown) =>
      isFaktorError(e, 'not-found'),
    );
  });

  it('hands the vault the parsed secret from the scan (no second parse) as its own copy, zeroed once the vault is done', async () => {
    const { svc, added } = setup();
    const res = await svc.decodeImage({ base64: base64(withCodes(OTPAUTH)), source: 'image' });
    const seen: number[][] = [];
    const add = svc.addAccount({ token: res.codes[0]!.token });
    // The vault copies the secret while it runs (services/vault.ts); the handed copy is wiped after.
    seen.push([...added[0]!.secret]);
    await add;
    expect(seen[0]).toEqual([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);
    expect(added[0]!.secret.every((b) => b === 0)).toBe(true);
  });

  it('gives a re-scanned payload the same token, and expires tokens', async () => {
    const { svc, advance } = setup();
    const a = await svc.decodeImage({ base64: base64(withCodes(OTPAUTH)), source: 'image' });
    const b = await svc.decodeImage({ base64: base64(withCodes(OTPAUTH)), source: 'image' });
    expect(a.codes[0]!.token).toBe(b.codes[0]!.token);
    advance(TOKEN_TTL_MS + 1);
    await expect(svc.addAccount({ token: a.codes[0]!.token })).rejects.toSatisfy((e: unknown) =>
      isFaktorError(e, 'not-found'),
    );
  });

  it('imports a 3-part Google export only when complete and from one batch', async () => {
    const { svc, imported } = setup();
    const parts = [0, 1, 2].map((i) =>
      formatMigrationUri([acc(2 * i), acc(2 * i + 1)], {
        batchSize: 3,
        batchIndex: i,
        batchId: 77,
      }),
    );
    const other = formatMigrationUri([acc(9)], { batchSize: 3, batchIndex: 2, batchId: 78 });
    const res = await svc.decodeImage({
      base64: base64(withCodes(...parts, other)),
      source: 'image',
    });
    const tokenOf = (batchId: number, index: number) =>
      res.codes.find(
        (c) =>
          c.route.kind === 'migration-part' &&
          c.route.batchId === batchId &&
          c.route.batchIndex === index,
      )!.token;
    const bad = (e: unknown) => isFaktorError(e, 'invalid-migration');
    await expect(
      svc.importMigration({ tokens: [tokenOf(77, 0), tokenOf(77, 1)] }),
    ).rejects.toSatisfy(bad);
    await expect(
      svc.importMigration({ tokens: [tokenOf(77, 0), tokenOf(77, 1), tokenOf(78, 2)] }),
    ).rejects.toSatisfy(bad);
    expect(imported).toHaveLength(0);
    const r = await svc.importMigration({
      tokens: [tokenOf(77, 2), tokenOf(77, 0), tokenOf(77, 1), tokenOf(77, 1)],
    });
    expect(r.imported).toBe(6);
    expect(imported[0]!.map((a) => a.issuer).sort()).toEqual([
      'Svc0',
      'Svc1',
      'Svc2',
      'Svc3',
      'Svc4',
      'Svc5',
    ]);
  });
});
