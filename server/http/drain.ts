/**
 * Staged close after refusing a request body (RFC 9112 §9.6): when the server answers 413 before it
 * read the upload, closing the socket at once makes the kernel reset the connection while the client
 * is still writing, so the client sees EPIPE/ECONNRESET instead of the answer (issue #7 item 15).
 * Here the rest of the upload is read and discarded (up to a cap and a time limit), then the
 * connection is closed gracefully; larger or slower uploads are cut off as before.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Largest upload read to its end after a 413 (bytes); anything longer is cut off. */
export const MAX_DRAIN_BYTES = 32 * 1024 * 1024;
/** How long a refused upload may take to finish before the socket is destroyed. */
export const MAX_DRAIN_MS = 10_000;

/** Prepares `reply` (a refusal sent before the body was read) so the client can finish sending and read it. */
export function drainThenClose(request: FastifyRequest, reply: FastifyReply): void {
  const raw = request.raw;
  if (raw.complete) return;
  const declared = Number(request.headers['content-length'] ?? 0);
  if (!(declared <= MAX_DRAIN_BYTES)) return; // absurd size (or NaN): close at once, as before
  // Without "Connection: close" Node keeps the socket after the answer and reads (dumps) the rest of
  // the body; once it is in, the connection is ended with a FIN, never a reset.
  reply.removeHeader('connection');
  const socket = raw.socket;
  const timer = setTimeout(() => socket.destroy(), MAX_DRAIN_MS);
  timer.unref();
  raw.once('end', () => {
    clearTimeout(timer);
    socket.end();
  });
  raw.once('close', () => clearTimeout(timer));
}
