/**
 * DNS-rebinding defence: the server answers only requests whose Host header names it. A page on
 * evil.example whose DNS name is re-pointed to 127.0.0.1 talks to this server from the browser's
 * point of view "same-origin" — but its requests still say `Host: evil.example:8787`. Refusing unknown
 * Host values (421) keeps such a page from reading anything (test outboxes, the OpenAPI document,
 * pages) or acting.
 *
 * Test mode: only localhost, 127.0.0.1 and [::1] (plus the bound loopback literal) with the listening
 * port. Normal mode: `allowedHosts` when configured (`name` = any port, `name:port` = that port, `*` =
 * no check), else the bound names — the bound address (or, bound to all interfaces, every interface
 * address), the loopback names when reachable there, the WebAuthn RP id with the listening port, and
 * the configured origin's host as the browser sends it.
 */
import { networkInterfaces } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { isLoopbackHost, type ServerConfig } from '../config';
import { ServiceError } from '../app/errors';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/** `::1` → `[::1]`; names lower-cased. */
function asHostName(host: string): string {
  const h = host.trim().toLowerCase();
  return h.includes(':') && !h.startsWith('[') ? `[${h}]` : h;
}

function isWildcard(host: string): boolean {
  const h = host.trim().replace(/^\[|\]$/g, '');
  return h === '0.0.0.0' || h === '::' || h === '';
}

/** Splits a Host header value (or an allowlist entry) into name and port (undefined when absent). */
function splitHost(value: string): { name: string; port: number | undefined } | undefined {
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]/\s]+)(?::(\d{1,5}))?$/i.exec(value.trim().toLowerCase());
  if (!m) return undefined;
  return { name: m[1] as string, port: m[2] === undefined ? undefined : Number(m[2]) };
}

/** The allowlist as "name:port" entries ("name:*" = any port), or null for no check. */
export function allowedHostEntries(config: ServerConfig, port: number): Set<string> | null {
  const out = new Set<string>();
  const add = (name: string, p: number | '*'): void => void out.add(`${asHostName(name)}:${p}`);
  if (config.testMode) {
    for (const n of LOOPBACK_NAMES) add(n, port);
    add(config.host, port);
    return out;
  }
  if (config.allowedHosts && config.allowedHosts.length > 0) {
    if (config.allowedHosts.includes('*')) return null;
    for (const entry of config.allowedHosts) {
      const parsed = splitHost(entry);
      if (parsed) add(parsed.name, parsed.port ?? '*');
      else add(entry, '*'); // a bare IPv6 address: asHostName brackets it
    }
    return out;
  }
  if (isWildcard(config.host)) {
    for (const n of LOOPBACK_NAMES) add(n, port);
    for (const list of Object.values(networkInterfaces()))
      for (const i of list ?? []) add(i.address.split('%')[0] as string, port);
  } else {
    add(config.host, port);
    if (isLoopbackHost(config.host)) for (const n of LOOPBACK_NAMES) add(n, port);
  }
  add(config.rpId, port);
  if (config.origin) {
    const o = new URL(config.origin);
    add(o.hostname, o.port ? Number(o.port) : o.protocol === 'https:' ? 443 : 80);
  }
  return out;
}

/** True when `hostHeader` is on the list (a Host without a port is the scheme's default, 80 or 443). */
export function hostAllowed(entries: Set<string> | null, hostHeader: string | undefined): boolean {
  if (entries === null) return true;
  if (!hostHeader) return false;
  const h = splitHost(hostHeader);
  if (!h) return false;
  if (entries.has(`${h.name}:*`)) return true;
  return h.port === undefined
    ? entries.has(`${h.name}:80`) || entries.has(`${h.name}:443`)
    : entries.has(`${h.name}:${h.port}`);
}

/** Adds the onRequest hook (first thing every request meets); 421 Misdirected Request otherwise. */
export function registerHostCheck(app: FastifyInstance, config: ServerConfig): void {
  let cached: { port: number; entries: Set<string> | null } | undefined;
  app.addHook('onRequest', async (request) => {
    const port = (app.server.address() as { port?: number } | null)?.port ?? config.port;
    if (cached?.port !== port) cached = { port, entries: allowedHostEntries(config, port) };
    if (!hostAllowed(cached.entries, request.headers.host)) throw new ServiceError('unknown-host');
  });
}
