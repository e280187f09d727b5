/**
 * One simulated paired app for `npm run bench:pairing`: a device-signed SSE connection over plain
 * node:http (one socket each), which notes the moment an `approval` event arrives and hands its data
 * to whoever waits for it.
 */
import http from 'node:http';
import type { DesktopPeer } from '../../test/server/http/desktop-app-peer';

/** A connected app: its peer (keys), the username and the open stream. */
export class SseClient {
  private waiter: ((at: number, data: string) => void) | undefined;
  private buf = '';
  private req: http.ClientRequest | undefined;

  constructor(
    readonly peer: DesktopPeer,
    readonly username: string,
  ) {}

  /** Opens the stream; resolves when the server's `: open` comment arrived. */
  open(base: string, nowMs: number): Promise<void> {
    const url = new URL('/api/device/events', base);
    const authorization = this.peer.authorization(
      this.peer.enrolled?.origin ?? '',
      'GET',
      '/api/device/events',
      '',
      nowMs,
    );
    return new Promise((resolve, reject) => {
      this.req = http.get(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          headers: { authorization, host: `localhost:${url.port}` },
          agent: false,
        },
        (res) => {
          if (res.statusCode !== 200) return reject(new Error(`stream ${res.statusCode}`));
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            const at = performance.now();
            this.buf += chunk;
            let end: number;
            while ((end = this.buf.indexOf('\n\n')) >= 0) {
              const block = this.buf.slice(0, end);
              this.buf = this.buf.slice(end + 2);
              if (block.startsWith(': open')) resolve();
              const m = /^event: approval\ndata: (.*)$/m.exec(block);
              if (m?.[1] && this.waiter) {
                const w = this.waiter;
                this.waiter = undefined;
                w(at, m[1]);
              }
            }
          });
        },
      );
      this.req.on('error', reject);
    });
  }

  /** Resolves with the arrival time and data of the next approval event (rejects after `timeoutMs`). */
  next(timeoutMs: number): Promise<{ at: number; data: string }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error('no event'));
      }, timeoutMs);
      this.waiter = (at, data) => {
        clearTimeout(timer);
        resolve({ at, data });
      };
    });
  }

  /** Closes the stream. */
  close(): void {
    this.req?.destroy();
  }
}
