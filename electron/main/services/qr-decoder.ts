import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FaktorError, ERROR_CODES, type ErrorCode } from '../../../shared/errors';
import { QR_IMAGE_LIMITS } from '../../../shared/qr/image-limits';
import type { QrHitInImage } from './qr-decode-core';
import type { PixelImage } from './qr-image';
import type { WorkerReply, WorkerRequest, WorkerStartData } from './qr-decoder-worker';
import { readReaderWasm } from './qr-reader-wasm';

/** Decodes QR codes off the calling thread. One per process is enough; calls are queued in the worker. */
export interface QrDecoder {
  /** Every QR code in a PNG/JPEG file or raw RGBA/BGRA pixels; [] when there is none. */
  /**
   * `transfer` hands the pixel buffer to the worker instead of copying it (saves ~30 ms on a 4K
   * screen); the caller's buffer is unusable afterwards. Only applies to a buffer the view owns whole.
   * `timeoutMs` overrides the decoder's job time limit for this call.
   */
  decodeImage(
    input: Uint8Array | PixelImage,
    opts?: { transfer?: boolean; timeoutMs?: number },
  ): Promise<QrHitInImage[]>;
  /** Stops the worker (tests, CLI, app quit). */
  close(): Promise<void>;
}

/**
 * The built worker for the main bundle at `mainModuleUrl`: a single self-contained file that
 * electron.vite.config.ts emits next to index.js (scripts/qr-worker-bundle.ts). Packaged, it sits inside
 * app.asar like every other main-process file.
 */
export function workerBundlePath(mainModuleUrl: string): string {
  return fileURLToPath(new URL('./qr-decoder-worker.cjs', mainModuleUrl));
}

/**
 * Starts the worker. Built app: a Worker cannot load a script from inside app.asar, but the main
 * process's fs can read it, so the bundle's source is read here and evaluated — nothing is unpacked,
 * nothing escapes the asar integrity check. From sources (vitest, tsx) the .ts entry is run through
 * tsx's loader, unless `bundle` names a built worker file (the e2e harness runs out/main's, like the
 * app). Either way the reader wasm comes from main as bytes.
 */
function spawnWorker(bundle: string | undefined): Worker {
  const here = import.meta.url;
  const workerData: WorkerStartData = { wasm: readReaderWasm() };
  if (bundle !== undefined)
    return new Worker(readFileSync(bundle, 'utf8'), { eval: true, workerData });
  if (/\.ts($|\?)/.test(here)) {
    const entry = JSON.stringify(new URL('./qr-decoder-worker.ts', here).href);
    // A tiny bootstrap registers tsx's ESM hooks inside the worker, then loads the TypeScript entry.
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${entry}); })`;
    return new Worker(boot, { eval: true, workerData });
  }
  return new Worker(readFileSync(workerBundlePath(here), 'utf8'), { eval: true, workerData });
}

/**
 * Starts the decoder worker lazily on the first call; restarts it if it ever dies. A job that runs past
 * `timeoutMs` (default QR_IMAGE_LIMITS.decodeTimeoutMs) fails as image-unreadable and the worker is
 * terminated — its memory goes with it — so a hostile image cannot keep a thread busy; the next job
 * starts a fresh worker. Jobs queued behind it in the same worker fail with it (the user retries).
 */
export function createQrDecoder(
  options: { timeoutMs?: number; workerBundle?: string } = {},
): QrDecoder {
  const timeoutMs = options.timeoutMs ?? QR_IMAGE_LIMITS.decodeTimeoutMs;
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<
    number,
    {
      resolve: (h: QrHitInImage[]) => void;
      reject: (e: unknown) => void;
      timer: ReturnType<typeof setTimeout>;
      w: Worker;
    }
  >();

  /** Fails the jobs of worker `w` only: an old worker's late exit must not fail a new worker's jobs. */
  const failAll = (e: unknown, w: Worker) => {
    for (const [id, p] of pending) {
      if (p.w !== w) continue;
      pending.delete(id);
      clearTimeout(p.timer);
      p.reject(e);
    }
  };

  const timedOut = (w: Worker) => {
    if (worker === w) worker = null;
    failAll(new FaktorError('image-unreadable', 'decode timed out'), w);
    void w.terminate().catch(() => undefined);
  };

  const start = (): Worker => {
    const w = spawnWorker(options.workerBundle);
    w.unref();
    w.on('message', (reply: WorkerReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      clearTimeout(p.timer);
      if (pending.size === 0) w.unref();
      if (reply.ok) p.resolve(reply.hits);
      else p.reject(new FaktorError(toCode(reply.code), reply.detail));
    });
    w.on('error', (e) => {
      if (worker === w) worker = null;
      failAll(new FaktorError('internal', `qr worker: ${String(e).slice(0, 200)}`), w);
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
      failAll(new FaktorError('internal', 'qr worker exited'), w);
    });
    return w;
  };

  return {
    decodeImage(input, opts) {
      const w = (worker ??= start());
      const id = nextId++;
      const req: WorkerRequest = { id, input };
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => timedOut(w), opts?.timeoutMs ?? timeoutMs);
        timer.unref?.();
        pending.set(id, { resolve, reject, timer, w });
        w.ref();
        const view = input instanceof Uint8Array ? input : input.data;
        const whole =
          view.byteOffset === 0 &&
          view.byteLength === view.buffer.byteLength &&
          view.buffer instanceof ArrayBuffer;
        // Without transfer, structured clone copies the pixels once and the caller keeps its buffer.
        w.postMessage(req, opts?.transfer && whole ? [view.buffer as ArrayBuffer] : []);
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}

function toCode(code: string): ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'internal';
}
