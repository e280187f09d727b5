/**
 * The server's log lines kept in memory, for tests that prove what a log line holds (and what it never
 * holds): pass `stream` as `logStream` to the test server and read `lines`.
 */
import { Writable } from 'node:stream';

/** A log sink: `lines` collects every chunk the server writes to `stream`. */
export function logCapture(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString());
      cb();
    },
  });
  return { stream, lines };
}
