import { createSocket, type Socket } from 'node:dgram';
import { CtapError } from '../../../../shared/ctap/errors';
import { checkReport, ReportQueue, type HidTransport } from './transport';

/** The solo1/canokey simulator convention: the device listens on 8111 and answers to 7112. */
export const SIMULATOR_DEVICE_PORT = 8111;
/** Where simulators send their replies. */
export const SIMULATOR_HOST_PORT = 7112;

/**
 * CTAPHID over loopback UDP, one datagram per 64-byte report: how a locally built solo1 or canokey
 * simulator (and our software authenticator in process-level tests) is reached.
 */
export async function openUdpTransport(
  devicePort = SIMULATOR_DEVICE_PORT,
  localPort = SIMULATOR_HOST_PORT,
  host = '127.0.0.1',
): Promise<HidTransport> {
  const socket: Socket = createSocket('udp4');
  const queue = new ReportQueue();
  socket.on('message', (msg, rinfo) => {
    if (rinfo.port === devicePort && msg.length === 64) queue.push(new Uint8Array(msg));
  });
  socket.on('error', () => queue.close());
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(localPort, host, () => resolve());
  });
  return {
    write: (report) =>
      new Promise((resolve, reject) => {
        checkReport(report);
        if (queue.isClosed) return reject(new CtapError('removed', 'UDP transport closed'));
        socket.send(report, devicePort, host, (err) =>
          err ? reject(new CtapError('removed', err.message)) : resolve(),
        );
      }),
    read: (timeoutMs) => queue.read(timeoutMs),
    close: async () => {
      if (queue.isClosed) return;
      queue.close();
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
}
