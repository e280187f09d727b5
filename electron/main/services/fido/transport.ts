import { CtapError } from '../../../../shared/ctap/errors';

/**
 * The one seam between the CTAP client and a physical (or simulated) key: 64-byte HID reports in and
 * out. node-hid, loopback UDP (the solo/canokey simulator convention) and the in-memory test pipe all
 * implement it, so everything above runs unchanged against each.
 */
export interface HidTransport {
  /** Sends one 64-byte report (implementations add the report-id byte where the OS needs it). */
  write(report: Uint8Array): Promise<void>;
  /** Next report, or undefined after `timeoutMs` without one. Throws CtapError('removed') once gone. */
  read(timeoutMs: number): Promise<Uint8Array | undefined>;
  close(): Promise<void>;
}

/** Monotonic time source; tests inject one that jumps so "endless keepalive" ends without waiting. */
export interface Clock {
  now(): number;
}

/** The real clock. */
export const systemClock: Clock = { now: () => performance.now() };

/**
 * A bounded queue of incoming reports with timed reads: the shared core of the UDP and in-memory
 * transports. Overflow drops the oldest report (a flooding device cannot grow memory without bound).
 */
export class ReportQueue {
  private readonly reports: Uint8Array[] = [];
  private waiter: ((report: Uint8Array | undefined) => void) | undefined;
  private closed = false;

  constructor(private readonly limit = 1024) {}

  /** Delivers a report to the reader (or queues it). */
  push(report: Uint8Array): void {
    if (this.closed) return;
    const w = this.waiter;
    if (w) {
      this.waiter = undefined;
      w(report);
      return;
    }
    if (this.reports.length >= this.limit) this.reports.shift();
    this.reports.push(report);
  }

  /** Waits up to `timeoutMs` for the next report. */
  read(timeoutMs: number): Promise<Uint8Array | undefined> {
    const next = this.reports.shift();
    if (next) return Promise.resolve(next);
    if (this.closed) return Promise.reject(new CtapError('removed', 'the key was disconnected'));
    if (this.waiter) return Promise.reject(new CtapError('busy', 'a read is already pending'));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.waiter = undefined;
          resolve(undefined);
        },
        Math.max(0, timeoutMs),
      );
      this.waiter = (report) => {
        clearTimeout(timer);
        if (report) resolve(report);
        else reject(new CtapError('removed', 'the key was disconnected'));
      };
    });
  }

  /** Ends the queue: a pending and every later read fails as `removed`. */
  close(): void {
    this.closed = true;
    const w = this.waiter;
    this.waiter = undefined;
    w?.(undefined);
  }

  /** True once closed. */
  get isClosed(): boolean {
    return this.closed;
  }
}

/** Checks a report is exactly 64 bytes before it leaves. */
export function checkReport(report: Uint8Array): void {
  if (report.length !== 64)
    throw new CtapError('invalid-argument', `HID report must be 64 bytes, got ${report.length}`);
}
