import { randomBytes } from 'node:crypto';
import { FaktorError, isFaktorError } from '../../../../shared/errors';
import { formatDeviceAuthorization } from '../../../../shared/servicekonto/device-auth';
import { toBase64url } from '../../../../shared/servicekonto/base64url';
import { parseServerOrigin } from '../../../../shared/servicekonto/origin';

/**
 * The app's HTTP to a Servicekonto server: JSON in, JSON out, only to a canonical origin that is https
 * or loopback http (parseServerOrigin refuses anything else, so a pairing secret never crosses a
 * network in clear text), redirects refused, a timeout on every call. Device-authenticated calls carry
 * a fresh `FaktorDevice` signature (shared/servicekonto/device-auth.ts). Failures are typed:
 * 'server-unreachable' (network, timeout, not JSON) or 'server-refused' with the server's own error
 * code in `params.serverCode` (e.g. means-blocked), never the response text.
 */

/** The fetch the client uses; injectable only so one test can count requests (production: global fetch). */
export type Fetch = typeof fetch;

/** Who signs a device-authenticated request: this device's means id and its unlocked device key. */
export interface DeviceCredentials {
  readonly means: string;
  readonly deviceKey: Uint8Array;
}

/** Options of one call. */
export interface CallOptions {
  readonly device?: DeviceCredentials;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly fetch?: Fetch;
  readonly now?: () => number;
}

/** Default time a JSON call may take before it is 'server-unreachable'. */
export const CALL_TIMEOUT_MS = 15_000;

/** The Authorization header for a device-authenticated request (fresh timestamp and nonce). */
export function deviceHeader(
  device: DeviceCredentials,
  method: string,
  origin: string,
  path: string,
  body: string,
  now: () => number,
): string {
  const nonce = toBase64url(randomBytes(16));
  return formatDeviceAuthorization(device.deviceKey, {
    method,
    origin,
    path,
    means: device.means,
    ts: now(),
    nonce,
    body,
  });
}

/** Headers of a request, signed when `device` is given. */
export function requestHeaders(
  method: string,
  origin: string,
  path: string,
  body: string,
  o: CallOptions,
): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== '') headers['content-type'] = 'application/json';
  if (o.device)
    headers.authorization = deviceHeader(o.device, method, origin, path, body, o.now ?? Date.now);
  return headers;
}

/** One JSON call; resolves to the parsed 2xx body. */
export async function callJson(
  origin: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  payload: unknown,
  o: CallOptions = {},
): Promise<unknown> {
  const base = parseServerOrigin(origin);
  if (!path.startsWith('/')) throw new FaktorError('invalid-request', 'path');
  const body = payload === undefined ? '' : JSON.stringify(payload);
  const timeout = AbortSignal.timeout(o.timeoutMs ?? CALL_TIMEOUT_MS);
  const signal = o.signal ? AbortSignal.any([o.signal, timeout]) : timeout;
  let res: Response;
  try {
    res = await (o.fetch ?? fetch)(base + path, {
      method,
      headers: requestHeaders(method, base, path, body, o),
      body: body === '' ? undefined : body,
      redirect: 'error',
      signal,
    });
  } catch (e) {
    if (isFaktorError(e)) throw e;
    throw new FaktorError('server-unreachable', e instanceof Error ? e.name : 'fetch failed');
  }
  const json = await readJson(res);
  if (!res.ok) throw refusal(res.status, json);
  return json;
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text().catch(() => '');
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    if (res.ok) throw new FaktorError('server-unreachable', 'response is not JSON');
    return null;
  }
}

/** A non-2xx answer as 'server-refused', carrying the server's error code (if it gave one) as a param. */
export function refusal(status: number, json: unknown): FaktorError {
  const err = (json as { error?: { code?: unknown } } | null)?.error;
  const serverCode =
    typeof err?.code === 'string' && /^[a-z0-9-]{1,64}$/.test(err.code)
      ? err.code
      : `http-${status}`;
  return new FaktorError('server-refused', serverCode, { serverCode, status });
}
