import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { generateIcons, LINUX_ICON_SIZES } from '../../scripts/generate-icons';

const root = resolve(import.meta.dirname, '../..');
const out = mkdtempSync(join(tmpdir(), 'faktor-icons-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const written = generateIcons(readFileSync(join(root, 'build/icon.svg'), 'utf8'), out);

/** The (width, height) of every image in an .ico directory (0 means 256). */
function icoSizes(ico: Buffer): number[] {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1);
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256);
}

/** The chunk types in an .icns file. */
function icnsTypes(icns: Buffer): string[] {
  expect(icns.toString('latin1', 0, 4)).toBe('icns');
  expect(icns.readUInt32BE(4)).toBe(icns.length);
  const types: string[] = [];
  for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4))
    types.push(icns.toString('latin1', at, at + 4));
  return types;
}

describe('npm run icons (build/icon.svg → every installer icon)', () => {
  it('the committed files are exactly what the script produces from the SVG', () => {
    expect(written.length).toBe(LINUX_ICON_SIZES.length + 3);
    for (const f of written)
      expect(readFileSync(join(root, 'build', f)).equals(readFileSync(join(out, f))), f).toBe(true);
  });

  it('renders each Linux size at its size', () => {
    for (const n of LINUX_ICON_SIZES) {
      const png = PNG.sync.read(readFileSync(join(root, `build/icons/${n}x${n}.png`)));
      expect([png.width, png.height]).toEqual([n, n]);
    }
    expect(PNG.sync.read(readFileSync(join(root, 'build/icon.png'))).width).toBe(512);
  });

  it('packs the Windows .ico with 16 … 256 px and the macOS .icns with retina sizes', () => {
    expect(icoSizes(readFileSync(join(root, 'build/icon.ico')))).toEqual(
      expect.arrayContaining([16, 24, 32, 48, 64, 256]),
    );
    expect(icnsTypes(readFileSync(join(root, 'build/icon.icns')))).toEqual(
      expect.arrayContaining(['ic07', 'ic08', 'ic09', 'ic10']),
    );
  });
});
