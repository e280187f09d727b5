import { createSocket } from 'node:dgram';
import { CtapError } from '../../../shared/ctap/errors';
import { ReportQueue, type HidTransport } from '../../../electron/main/services/fido/transport';

/**
 * The device end of the UDP simulator convention: listen on `port` (8111 by convention, 0 in tests
 * for an ephemeral one) and answer whoever sent the last datagram (7112 by convention).
 */
export async function listenUdpDevice(
  port = 8111,
  host = '127.0.0.1',
): Promise<{ transport: HidTransport; port: number }> {
  const socket = createSocket('udp4');
  const queue = new ReportQueue();
  let peer: { port: number; address: string } | undefined;
  socket.on('message', (msg, rinfo) => {
    if (msg.length !== 64) return;
    peer = { port: rinfo.port, address: rinfo.address };
    queue.push(new Uint8Array(msg));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => resolve());
  });
  const transport: HidTransport = {
    write: (report) =>
      new Promise((resolve, reject) => {
        if (!peer || queue.isClosed) return reject(new CtapError('removed', 'no host'));
        socket.send(report, peer.port, peer.address, (err) => (err ? reject(err) : resolve()));
      }),
    read: (timeoutMs) => queue.read(timeoutMs),
    close: async () => {
      if (queue.isClosed) return;
      queue.close();
      await new Promise<void>((resolve) => socket.close(() => resolve()));
    },
  };
  return { transport, port: socket.address().port };
}
