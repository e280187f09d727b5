/**
 * The app side of the desktop-app protocol for server tests: key pairs, an OCRA secret, enrollment
 * and offline codes — all through the shared wire-format code the real app uses (shared/servicekonto),
 * so the server is tested against the one definition, not against a re-implementation.
 */
import { randomBytes } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { toBase64url } from '../../../shared/servicekonto/base64url';
import { parseEnrollmentResponse, type EnrollmentResponse } from '../../../shared/servicekonto/enrollment';
import { loginResponse } from '../../../shared/servicekonto/login-ocra';
import { parseLoginPayload } from '../../../shared/servicekonto/login-payload';
import { publicKeyOf } from '../../../shared/servicekonto/p256';
import { formatDeviceAuthorization } from '../../../shared/servicekonto/device-auth';
import { parsePairingPayload } from '../../../shared/servicekonto/pairing-payload';

/** One simulated paired app installation. */
export class DesktopPeer {
  readonly approvalSecret = p256.utils.randomSecretKey();
  readonly deviceSecret = p256.utils.randomSecretKey();
  readonly ocraSecret = new Uint8Array(randomBytes(32));
  enrolled: EnrollmentResponse | undefined;

  constructor(readonly name = 'Test-Laptop') {}

  /** The EnrollmentRequest body for a pairing payload (checked by the shared parser at `nowMs`). */
  enrollBody(pairingPayload: string, nowMs: number): Record<string, unknown> {
    const p = parsePairingPayload(pairingPayload, nowMs);
    return { v: 1, token: p.token, approvalKey: publicKeyOf(this.approvalSecret), deviceKey: publicKeyOf(this.deviceSecret), ocraSecret: toBase64url(this.ocraSecret), deviceName: this.name };
  }

  /** POSTs the enrollment to the origin the payload names and keeps the checked answer. */
  async enroll(base: string, pairingPayload: string, nowMs: number): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${base}/api/pairing/enroll`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(this.enrollBody(pairingPayload, nowMs)) });
    const body = (await res.json()) as unknown;
    if (res.status === 201) this.enrolled = parseEnrollmentResponse(body);
    return { status: res.status, body };
  }

  /** The Authorization header for one request (shared/servicekonto/device-auth.ts) at `tsMs`. */
  authorization(origin: string, method: string, path: string, body: string, tsMs: number): string {
    const nonce = randomBytes(16).toString('base64url');
    return formatDeviceAuthorization(this.deviceSecret, { method, origin, path, means: this.enrolled?.means ?? 'none', ts: tsMs, nonce, body });
  }

  /** Sends a device-signed request; `header` overrides the Authorization value (replay tests). */
  async signed(base: string, method: string, path: string, tsMs: number, header?: string): Promise<{ status: number; body: unknown; header: string }> {
    const auth = header ?? this.authorization(this.enrolled?.origin ?? '', method, path, '', tsMs);
    const res = await fetch(base + path, { method, headers: { authorization: auth } });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined, header: auth };
  }

  /** The 8-digit code the app would show for a login payload (checked by the shared parser at `nowMs`). */
  code(loginPayload: string, nowMs: number): string {
    return loginResponse(parseLoginPayload(loginPayload, nowMs), this.ocraSecret);
  }
}

/** A code that is certainly not `code` (for wrong-code tests). */
export function wrongCode(code: string): string {
  return String((Number(code) + 1) % 100_000_000).padStart(8, '0');
}
