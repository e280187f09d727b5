/**
 * The app side of the desktop-app protocol for server tests: key pairs, an OCRA secret, enrollment
 * and offline codes — all through the shared wire-format code the real app uses (shared/servicekonto),
 * so the server is tested against the one definition, not against a re-implementation.
 */
import { randomBytes } from 'node:crypto';
import { p256 } from '@noble/curves/nist.js';
import { toBase64url } from '../../../shared/servicekonto/base64url';
import {
  parseEnrollmentResponse,
  type EnrollmentResponse,
} from '../../../shared/servicekonto/enrollment';
import { loginResponse } from '../../../shared/servicekonto/login-ocra';
import { parseLoginPayload } from '../../../shared/servicekonto/login-payload';
import { publicKeyOf } from '../../../shared/servicekonto/p256';
import { formatDeviceAuthorization } from '../../../shared/servicekonto/device-auth';
import {
  parseApprovalRequest,
  signApproval,
  type ApprovalDecision,
} from '../../../shared/servicekonto/approval';
import { parsePairingPayload } from '../../../shared/servicekonto/pairing-payload';
import { newAccount, serverNow, type Client } from './client';

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
    return {
      v: 1,
      token: p.token,
      approvalKey: publicKeyOf(this.approvalSecret),
      deviceKey: publicKeyOf(this.deviceSecret),
      ocraSecret: toBase64url(this.ocraSecret),
      deviceName: this.name,
    };
  }

  /** POSTs the enrollment to the origin the payload names and keeps the checked answer. */
  async enroll(
    base: string,
    pairingPayload: string,
    nowMs: number,
  ): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${base}/api/pairing/enroll`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(this.enrollBody(pairingPayload, nowMs)),
    });
    const body = (await res.json()) as unknown;
    if (res.status === 201) this.enrolled = parseEnrollmentResponse(body);
    return { status: res.status, body };
  }

  /** The Authorization header for one request (shared/servicekonto/device-auth.ts) at `tsMs`. */
  authorization(origin: string, method: string, path: string, body: string, tsMs: number): string {
    const nonce = randomBytes(16).toString('base64url');
    return formatDeviceAuthorization(this.deviceSecret, {
      method,
      origin,
      path,
      means: this.enrolled?.means ?? 'none',
      ts: tsMs,
      nonce,
      body,
    });
  }

  /** Sends a device-signed request; `header` overrides the Authorization value (replay tests). */
  async signed(
    base: string,
    method: string,
    path: string,
    tsMs: number,
    header?: string,
  ): Promise<{ status: number; body: unknown; header: string }> {
    const auth = header ?? this.authorization(this.enrolled?.origin ?? '', method, path, '', tsMs);
    const res = await fetch(base + path, { method, headers: { authorization: auth } });
    const text = await res.text();
    return {
      status: res.status,
      body: text ? (JSON.parse(text) as unknown) : undefined,
      header: auth,
    };
  }

  /** Sends a device-signed JSON POST. */
  async signedPost(
    base: string,
    path: string,
    body: unknown,
    tsMs: number,
  ): Promise<{ status: number; body: unknown }> {
    const text = JSON.stringify(body);
    const auth = this.authorization(this.enrolled?.origin ?? '', 'POST', path, text, tsMs);
    const res = await fetch(base + path, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: text,
    });
    const out = await res.text();
    return { status: res.status, body: out ? (JSON.parse(out) as unknown) : undefined };
  }

  /** The signed answer body to an approval request (`key` = the PIN-decrypted approval key; a wrong PIN gives another). */
  answerBody(
    request: string,
    number: number,
    decision: ApprovalDecision,
    key: Uint8Array = this.approvalSecret,
  ): Record<string, unknown> {
    const r = parseApprovalRequest(request);
    return {
      v: 1,
      tx: r.tx,
      number,
      decision,
      signature: signApproval(key, { transaction: r.tx, challenge: r.challenge, number, decision }),
    };
  }

  /** Opens the event stream and resolves with the data of the first `approval` event (then closes it). */
  async nextApproval(
    base: string,
    tsMs: number,
    whenOpen: () => Promise<void> = async () => undefined,
  ): Promise<string> {
    const ctrl = new AbortController();
    const res = await fetch(`${base}/api/device/events`, {
      headers: {
        authorization: this.authorization(
          this.enrolled?.origin ?? '',
          'GET',
          '/api/device/events',
          '',
          tsMs,
        ),
      },
      signal: ctrl.signal,
    });
    if (res.status !== 200 || !res.body) throw new Error(`stream ${res.status}`);
    const reader = res.body.getReader();
    await whenOpen();
    let buf = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buf += new TextDecoder().decode(value);
      const m = /event: approval\ndata: (.*)\n\n/.exec(buf);
      if (m?.[1]) {
        ctrl.abort();
        return m[1];
      }
    }
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

/** A peer paired from `c`'s session ("Desktop-App hinzufügen") and confirmed there with one offline code (§4.2). */
export async function pairedPeer(base: string, c: Client, name = 'Laptop'): Promise<DesktopPeer> {
  const peer = new DesktopPeer(name);
  const qr = await c.post<{ payload: string }>('/api/means/desktop-app');
  const enrolled = await peer.enroll(base, qr.body.payload, await serverNow(base));
  if (enrolled.status !== 201) throw new Error(`enroll ${enrolled.status}`);
  const id = peer.enrolled!.means;
  const ch = await c.post<{ payload: string }>(`/api/means/${id}/challenge`);
  const confirmed = await c.post(`/api/means/${id}/authenticate`, {
    code: peer.code(ch.body.payload, await serverNow(base)),
  });
  if (confirmed.status !== 200) throw new Error(`confirm ${confirmed.status}`);
  return peer;
}

/** A new account with one confirmed (active) desktop app, paired over the JSON API: its logged-in client and the app. */
export async function pairedAccount(
  base: string,
  username: string,
): Promise<{ c: Client; peer: DesktopPeer }> {
  const c = await newAccount(base, username);
  return { c, peer: await pairedPeer(base, c) };
}
