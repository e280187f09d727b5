import { parentPort, workerData } from 'node:worker_threads';
import { isFaktorError } from '../../../shared/errors';
import { decodeAny, initReader, type QrHitInImage } from './qr-decode-core';
import type { PixelImage } from './qr-image';

/**
 * The decoder thread: zxing-wasm runs here so a 4K screen never blocks the main process's event
 * loop (window, IPC). Protocol: {id, input} in, {id, ok, hits | code} out. Hits carry text, corners and
 * the image size — never pixels.
 */
export interface WorkerRequest {
  readonly id: number;
  readonly input: Uint8Array | PixelImage;
}

/** What the main process hands the worker at start: the reader wasm, read from inside app.asar. */
export interface WorkerStartData {
  readonly wasm: Uint8Array;
}

/** Reply for one request; errors travel as a FaktorError code only. */
export type WorkerReply =
  | { id: number; ok: true; hits: QrHitInImage[] }
  | { id: number; ok: false; code: string; detail: string };

const port = parentPort;
if (port) {
  void initReader((workerData as WorkerStartData).wasm).catch(() => undefined);
  port.on('message', (req: WorkerRequest) => {
    decodeAny(req.input).then(
      (hits) => port.postMessage({ id: req.id, ok: true, hits } satisfies WorkerReply),
      (e: unknown) =>
        port.postMessage({
          id: req.id,
          ok: false,
          code: isFaktorError(e) ? e.code : 'image-unreadable',
          detail: isFaktorError(e) ? (e.detail ?? '') : String(e).slice(0, 200),
        } satisfies WorkerReply),
    );
  });
}
