import { CtapError } from '../../../../shared/ctap/errors';
import { checkReport, ReportQueue, type HidTransport } from './transport';

/**
 * Two connected in-memory transports: what one side writes, the other reads. The client talks to the
 * software authenticator through this in unit tests (no USB key can exist in CI); closing either side
 * looks like unplugging the key to the other.
 */
export function createMemoryPipe(): { host: HidTransport; device: HidTransport } {
  const toHost = new ReportQueue();
  const toDevice = new ReportQueue();
  const side = (inbox: ReportQueue, outbox: ReportQueue): HidTransport => ({
    write: async (report) => {
      checkReport(report);
      if (inbox.isClosed || outbox.isClosed)
        throw new CtapError('removed', 'the key was disconnected');
      outbox.push(report.slice());
    },
    read: (timeoutMs) => inbox.read(timeoutMs),
    close: async () => {
      inbox.close();
      outbox.close();
    },
  });
  return { host: side(toHost, toDevice), device: side(toDevice, toHost) };
}
