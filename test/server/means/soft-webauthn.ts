/**
 * An in-test software WebAuthn authenticator (P-256, attestation "none") built on node:crypto, so the
 * HTTP tests can register and use a "FIDO token" without a browser. It is deliberately minimal: a
 * CBOR encoder for the few types WebAuthn needs, authenticator data per WebAuthn §6.1, ES256
 * signatures over authData ‖ SHA-256(clientDataJSON). @simplewebauthn/server verifies everything it
 * produces, exactly as for a real token. The browser test uses Chromium's DevTools virtual
 * authenticator instead.
 */
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

type Cbor = number | string | Uint8Array | Cbor[] | Map<Cbor, Cbor> | { [k: string]: Cbor };

function head(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 256) return Buffer.from([(major << 5) | 24, n]);
  if (n < 65536) return Buffer.from([(major << 5) | 25, n >> 8, n & 0xff]);
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

/** Minimal canonical-enough CBOR encoder (ints, text, bytes, arrays, maps). */
export function cbor(v: Cbor): Buffer {
  if (typeof v === 'number') return v >= 0 ? head(0, v) : head(1, -1 - v);
  if (typeof v === 'string') {
    const b = Buffer.from(v, 'utf8');
    return Buffer.concat([head(3, b.length), b]);
  }
  if (v instanceof Uint8Array) return Buffer.concat([head(2, v.length), Buffer.from(v)]);
  if (Array.isArray(v)) return Buffer.concat([head(4, v.length), ...v.map(cbor)]);
  const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
  return Buffer.concat([
    head(5, entries.length),
    ...entries.flatMap(([k, x]) => [cbor(k), cbor(x)]),
  ]);
}

const b64u = (b: Uint8Array): string => Buffer.from(b).toString('base64url');

/** One software credential. */
export class SoftAuthenticator {
  private readonly privateKey: KeyObject;
  private readonly publicJwk: { x: string; y: string };
  readonly credentialId = randomBytes(16);
  private signCount = 0;

  constructor(
    private readonly origin: string,
    private readonly opts: {
      userVerification?: boolean;
      attachment?: 'platform' | 'cross-platform';
    } = {},
  ) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    this.privateKey = privateKey;
    const jwk = publicKey.export({ format: 'jwk' }) as { x: string; y: string };
    this.publicJwk = { x: jwk.x, y: jwk.y };
  }

  private flags(at: boolean): number {
    return 0x01 | (this.opts.userVerification ? 0x04 : 0) | (at ? 0x40 : 0);
  }

  private authData(rpId: string, attested: boolean): Buffer {
    const rpIdHash = createHash('sha256').update(rpId).digest();
    const count = Buffer.alloc(4);
    count.writeUInt32BE(++this.signCount);
    const parts: Buffer[] = [rpIdHash, Buffer.from([this.flags(attested)]), count];
    if (attested) {
      const coseKey = new Map<Cbor, Cbor>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, Buffer.from(this.publicJwk.x, 'base64url')],
        [-3, Buffer.from(this.publicJwk.y, 'base64url')],
      ]);
      const len = Buffer.alloc(2);
      len.writeUInt16BE(this.credentialId.length);
      parts.push(Buffer.alloc(16), len, this.credentialId, cbor(coseKey));
    }
    return Buffer.concat(parts);
  }

  private clientData(type: string, challenge: string): Buffer {
    return Buffer.from(
      JSON.stringify({ type, challenge, origin: this.origin, crossOrigin: false }),
    );
  }

  /** navigator.credentials.create() for the server's creation options → RegistrationResponseJSON. */
  create(options: { challenge: string; rp: { id?: string } }): Record<string, unknown> {
    const rpId = options.rp.id ?? new URL(this.origin).hostname;
    const attestationObject = cbor({
      fmt: 'none',
      attStmt: {},
      authData: this.authData(rpId, true),
    });
    return {
      id: b64u(this.credentialId),
      rawId: b64u(this.credentialId),
      type: 'public-key',
      response: {
        clientDataJSON: b64u(this.clientData('webauthn.create', options.challenge)),
        attestationObject: b64u(attestationObject),
        transports: ['usb'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: this.opts.attachment ?? 'cross-platform',
    };
  }

  /** navigator.credentials.get() for the server's request options → AuthenticationResponseJSON. */
  get(options: { challenge: string; rpId?: string }): Record<string, unknown> {
    const rpId = options.rpId ?? new URL(this.origin).hostname;
    const authData = this.authData(rpId, false);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge);
    const signature = sign(
      'sha256',
      Buffer.concat([authData, createHash('sha256').update(clientDataJSON).digest()]),
      this.privateKey,
    );
    return {
      id: b64u(this.credentialId),
      rawId: b64u(this.credentialId),
      type: 'public-key',
      response: {
        clientDataJSON: b64u(clientDataJSON),
        authenticatorData: b64u(authData),
        signature: b64u(signature),
      },
      clientExtensionResults: {},
      authenticatorAttachment: this.opts.attachment ?? 'cross-platform',
    };
  }
}
