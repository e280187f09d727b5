import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

/**
 * `npm run icons`: renders build/icon.svg (the one source) into every icon file the installers use and
 * writes them into build/ (committed; electron-builder.yml points at them). resvg renders each PNG size
 * from the vector source; png2icons (pure JS) packs the macOS .icns and Windows .ico from the 1024 px
 * rendering. `npm run icons -- <dir>` writes elsewhere (the test compares a fresh run with build/).
 */

/** Linux icon sizes (hicolor theme) — electron-builder reads build/icons/<n>x<n>.png. */
export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;

/** Renders the SVG at `size` × `size` pixels as PNG. */
export function renderPng(svg: string, size: number): Buffer {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } })
    .render()
    .asPng();
}

/** Writes build/icon.png, build/icons/*.png, build/icon.icns and build/icon.ico under `outDir`. */
export function generateIcons(svg: string, outDir: string): string[] {
  mkdirSync(join(outDir, 'icons'), { recursive: true });
  const written: string[] = [];
  const put = (rel: string, data: Buffer) => {
    writeFileSync(join(outDir, rel), data);
    written.push(rel);
  };
  for (const n of LINUX_ICON_SIZES) put(`icons/${n}x${n}.png`, renderPng(svg, n));
  const big = renderPng(svg, 1024);
  put('icon.png', renderPng(svg, 512));
  const icns = png2icons.createICNS(big, png2icons.BICUBIC2, 0);
  const ico = png2icons.createICO(big, png2icons.BICUBIC2, 0, false, true);
  if (!icns || !ico) throw new Error('png2icons could not pack the icon');
  put('icon.icns', icns);
  put('icon.ico', ico);
  return written;
}

const root = resolve(import.meta.dirname, '..');
if (process.argv[1] && resolve(process.argv[1]) === resolve(root, 'scripts/generate-icons.ts')) {
  const out = resolve(process.argv[2] ?? join(root, 'build'));
  for (const f of generateIcons(readFileSync(join(root, 'build/icon.svg'), 'utf8'), out))
    console.log(join(out, f));
}
