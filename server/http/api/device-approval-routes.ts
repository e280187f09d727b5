/**
 * Online approval for the paired app (device-routes.ts): the server-sent event stream, its long-poll
 * fallback, and the signed answer to a request.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ServiceError, type Services } from '../../app';
import { meta } from './common';
import { deviceSchemas } from './device-schemas';
import type { DeviceRouteOptions } from './device-routes';

/** Heartbeat comment interval of the event stream. */
const HEARTBEAT_MS = 15_000;
/** Longest wait of the long-poll fallback. */
const LONG_POLL_MS = 25_000;

/** One `approval` event of the stream and of the long-poll answer. */
interface ApprovalEvent {
  id: string;
  type: 'approval';
  data: string;
}

/** The pending requests of a means with an event id above `after`. */
function pendingEvents(services: Services, meansId: string, after: number): ApprovalEvent[] {
  return services.approvals.hub
    .pendingFor(meansId, services.ctx.now())
    .filter((a) => a.seq > after)
    .map((a) => ({
      id: String(a.seq),
      type: 'approval' as const,
      data: services.approvals.requestText(a, meansId),
    }));
}

/**
 * Turns the reply into the event stream of a means: the pending requests at once, then every event of
 * the hub, and a heartbeat comment; it ends when the client goes or the server closes (`streams`).
 */
function openEventStream(
  request: FastifyRequest,
  reply: FastifyReply,
  meansId: string,
  opts: DeviceRouteOptions,
): void {
  const { services, streams } = opts;
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
  });
  res.write(': open\n\n'); // sends the headers now, so the app knows the stream is up
  const send = (event: string, data: string, id?: string): void => {
    res.write(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${data}\n\n`);
  };
  for (const e of pendingEvents(services, meansId, 0)) send(e.type, e.data, e.id);
  const unsubscribe = services.approvals.hub.subscribe(meansId, send);
  // Each stream starts its heartbeat at a random point of the interval: streams opened together (a
  // restart, bench:pairing) would otherwise all ping in the same millisecond and delay deliveries.
  let heartbeat: NodeJS.Timeout | undefined;
  const start = setTimeout(
    () => {
      heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
    },
    Math.floor(Math.random() * HEARTBEAT_MS),
  );
  start.unref();
  const stream = { end: () => res.end() };
  streams.add(stream);
  request.raw.on('close', () => {
    clearTimeout(start);
    clearInterval(heartbeat);
    unsubscribe();
    streams.delete(stream);
  });
}

/** Waits up to LONG_POLL_MS for an approval request of the means (or the client leaving), then lists the pending ones. */
function waitForEvents(
  request: FastifyRequest,
  services: Services,
  meansId: string,
  after: number,
): Promise<{ events: ApprovalEvent[] }> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      unsubscribe();
      resolve({ events: pendingEvents(services, meansId, after) });
    };
    const unsubscribe = services.approvals.hub.subscribe(
      meansId,
      (event) => event === 'approval' && finish(),
    );
    const timer = setTimeout(finish, LONG_POLL_MS);
    request.raw.on('close', finish);
  });
}

/** Registers the routes. */
export async function deviceApprovalRoutes(
  app: FastifyInstance,
  opts: DeviceRouteOptions,
): Promise<void> {
  const { services, device } = opts;

  app.get('/api/device/events', { schema: deviceSchemas.events }, async (request, reply) => {
    const d = device(request);
    openEventStream(request, reply, d.means.id, opts);
  });

  app.get<{ Querystring: { after?: string } }>(
    '/api/device/events/poll',
    { schema: deviceSchemas.poll },
    async (request, reply) => {
      const d = device(request);
      const after = Number(request.query.after ?? '0');
      reply.header('cache-control', 'no-store');
      const ready = pendingEvents(services, d.means.id, after);
      if (ready.length > 0) return { events: ready };
      return waitForEvents(request, services, d.means.id, after);
    },
  );

  app.post<{ Params: { tx: string }; Body: { tx: string } }>(
    '/api/device/approvals/:tx',
    { config: { csrf: false }, schema: deviceSchemas.answer },
    async (request) => {
      const d = device(request);
      if (request.body.tx !== request.params.tx)
        throw new ServiceError('validation', { field: 'tx', reason: 'path-and-body-differ' });
      return services.approvals.answer(d, request.body, meta(request));
    },
  );
}
