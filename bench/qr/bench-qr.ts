/**
 * `npm run bench:qr` — QR decoding speed on generated desktop screenshots at four resolutions and
 * detection rate on a reproducible corpus of ≥ 200 hard variants, with jsQR measured in the same run
 * as the baseline. Prints a markdown block for docs/benchmarks.md. Timing is never asserted in tests.
 *
 * Flags: --runs N (screens per resolution, default 7), --corpus N (default 220), --jsqr-runs N
 * (jsQR screens per resolution, default 3; it takes seconds per 4K frame).
 */
import os from 'node:os';
import jsQR from 'jsqr';
import { ZXING_WASM_VERSION as zxVersion } from 'zxing-wasm/reader';
import { decodePixels, initReader } from '../../electron/main/services/qr-decode-core';
import { createQrDecoder } from '../../electron/main/services/qr-decoder';
import { corpus, renderScreen, renderVariant, samplePayload, rng, type Rgba } from './synth';
import { median } from '../stats';

function flag(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
const RUNS = flag('runs', 7);
const CORPUS = flag('corpus', 220);
const JSQR_RUNS = flag('jsqr-runs', 3);
const RESOLUTIONS: [number, number][] = [
  [1280, 720],
  [1920, 1080],
  [2560, 1440],
  [3840, 2160],
];

const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');

function jsqrDecode(img: Rgba): string | null {
  const data = new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length);
  return jsQR(data, img.width, img.height)?.data ?? null;
}

async function timeIt<T>(fn: () => Promise<T> | T): Promise<{ t: number; v: T }> {
  const t0 = performance.now();
  const v = await fn();
  return { t: performance.now() - t0, v };
}

const loadStart = os.loadavg();
await initReader();
const worker = createQrDecoder();

console.error(
  `bench:qr — ${RUNS} screens per resolution, corpus ${CORPUS}, jsQR ${JSQR_RUNS} screens per resolution`,
);
const screenRows: string[] = [];
let screenMisses = 0;
for (const [w, h] of RESOLUTIONS) {
  const zx: number[] = [];
  const viaWorker: number[] = [];
  const js: number[] = [];
  let jsFound = 0;
  for (let r = 0; r < RUNS; r++) {
    const payload = samplePayload(rng(r + w), r);
    const img = renderScreen(w, h, 1000 * r + w, payload);
    if (r === 0) {
      // warm-up of both threads (JIT, wasm memory growth)
      await decodePixels(img);
      await worker.decodeImage(img);
    }
    const a = await timeIt(() => decodePixels(img));
    if (!a.v.some((x) => x.text === payload)) screenMisses++;
    zx.push(a.t);
    // As the screen scan calls it: the capture's buffer is transferred to the worker, not copied.
    const own = { ...img, data: img.data.slice() };
    viaWorker.push((await timeIt(() => worker.decodeImage(own, { transfer: true }))).t);
    if (r < JSQR_RUNS) {
      const b = await timeIt(() => jsqrDecode(img));
      js.push(b.t);
      if (b.v === payload) jsFound++;
    }
  }
  const zm = median(zx);
  const jm = median(js);
  screenRows.push(
    `| ${w}×${h} | ${ms(zm)} | ${ms(median(viaWorker))} | ${ms(jm)} (${jsFound}/${js.length} found) | ${(jm / zm).toFixed(1)}× |`,
  );
  console.error(screenRows.at(-1));
}

const variants = corpus(CORPUS);
let zxHits = 0;
let jsHits = 0;
const misses: string[] = [];
const byKind = new Map<string, { n: number; zx: number; js: number }>();
for (const v of variants) {
  const img = renderVariant(v, 960, 540);
  const zxOk = (await decodePixels(img)).some((x) => x.text === v.payload);
  const jsOk = jsqrDecode(img) === v.payload;
  zxHits += zxOk ? 1 : 0;
  jsHits += jsOk ? 1 : 0;
  const kind = v.rotation
    ? 'rotated'
    : v.blur
      ? 'blurred'
      : v.jpegQuality
        ? 'jpeg'
        : v.lowContrast
          ? 'low contrast'
          : v.inverted
            ? 'inverted'
            : 'plain';
  const k = byKind.get(kind) ?? { n: 0, zx: 0, js: 0 };
  byKind.set(kind, { n: k.n + 1, zx: k.zx + (zxOk ? 1 : 0), js: k.js + (jsOk ? 1 : 0) });
  if (!zxOk)
    misses.push(
      `#${v.id} ${kind} module=${v.module}${v.rotation ? ` rot=${v.rotation}` : ''}${v.jpegQuality ? ` q=${v.jpegQuality}` : ''}`,
    );
}
await worker.close();
const loadEnd = os.loadavg();

const pct = (a: number, n: number) => `${((100 * a) / n).toFixed(1)} %`;
const cpu = os.cpus();
console.log(`
Machine: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length} logical CPUs, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}, zxing-wasm ${zxVersion}.
Load average at start/end: ${loadStart.map((x) => x.toFixed(1)).join(' ')} / ${loadEnd.map((x) => x.toFixed(1)).join(' ')}.

| screen | zxing median ms (in thread) | zxing median ms (via worker, as the app calls it) | jsQR median ms | jsQR / zxing |
|---|---|---|---|---|
${screenRows.join('\n')}

Screens where zxing missed the code: ${screenMisses} of ${RUNS * RESOLUTIONS.length}.

Corpus (${variants.length} variants, desktops ≥ 960×540, seed 0xfac7): zxing ${pct(zxHits, variants.length)}, jsQR ${pct(jsHits, variants.length)}.

| variant | n | zxing | jsQR |
|---|---|---|---|
${[...byKind].map(([k, v]) => `| ${k} | ${v.n} | ${pct(v.zx, v.n)} | ${pct(v.js, v.n)} |`).join('\n')}
${misses.length ? `\nzxing misses: ${misses.join('; ')}` : ''}`);
