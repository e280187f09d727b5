/**
 * A paired desktop registers a security key as "password + security key" over the device API (issue
 * #10): real server, the in-repo software authenticator as the key (no USB key exists in CI; it is
 * validated by python-fido2), the app's own ceremony code building clientDataJSON, and
 * @simplewebauthn/server inside the server verifying attestation and assertions. The PIN-bound proof
 * is the approval key's signature; a wrong one stands for a wrong PIN (it decrypts another key).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { p256 } from '@noble/curves/nist.js';
import { PASSWORD, advance, newAccount, serverNow, type Client } from './client';
import { useTestServer } from './use-test-server';
import { DesktopPeer, pairedPeer } from './desktop-app-peer';
import { connectSoftKey } from '../../support/soft-authenticator/connect';
import {
  assertCredential,
  createCredential,
} from '../../../electron/main/services/fido/webauthn-ceremony';
import {
  assertCredentialU2f,
  createCredentialU2f,
} from '../../../electron/main/services/fido/webauthn-over-u2f';
import { U2fClient } from '../../../electron/main/services/fido/u2f-client';
import { decodeCbor, encodeCbor, type CborValue } from '../../../shared/ctap/cbor';
import {
  KeyRegistrationOptions,
  KeyRegistrationResult,
  signKeyRegistration,
} from '../../../shared/servicekonto/key-registration';

const t = useTestServer();
let n = 0;
let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(stops.map((s) => s()));
  stops = [];
});

const OPTIONS = '/api/device/security-keys/options';
const FINISH = '/api/device/security-keys';
type Err = { error: { code: string } };
type View = {
  rpId: string;
  thisDevice: { status: string };
  means: {
    id: string;
    kind: string;
    status: string;
    level: string;
    label: string | null;
    credentialId?: string;
  }[];
};

async function setup(): Promise<{
  c: Client;
  peer: DesktopPeer;
  key: Awaited<ReturnType<typeof connectSoftKey>>;
}> {
  const c = await newAccount(t.url, `sk${++n}`);
  const peer = await pairedPeer(t.url, c);
  const key = await connectSoftKey();
  stops.push(key.stop);
  return { c, peer, key };
}

async function options(peer: DesktopPeer): Promise<{ status: number; body: unknown }> {
  return peer.signed(t.url, 'POST', OPTIONS, await serverNow(t.url));
}

/** Runs the key's part and returns the finishing body (the caller may spoil a field). */
async function finishBody(
  peer: DesktopPeer,
  key: Awaited<ReturnType<typeof connectSoftKey>>,
  o: { approvalKey?: Uint8Array; password?: string; origin?: string } = {},
) {
  const r = await options(peer);
  expect(r.status).toBe(200);
  const opts = KeyRegistrationOptions.parse(r.body);
  const origin = o.origin ?? peer.enrolled!.origin;
  const registration = await createCredential(key.ctap, {
    origin,
    rp: opts.rp,
    user: opts.user,
    challenge: opts.createChallenge,
    algorithms: opts.algorithms,
    exclude: opts.exclude,
  });
  const assertion = await assertCredential(key.ctap, {
    origin,
    rpId: opts.rp.id,
    challenge: opts.getChallenge,
    credentialId: registration.id,
  });
  const signature = signKeyRegistration(o.approvalKey ?? peer.approvalSecret, {
    transaction: opts.tx,
    challenge: opts.challenge,
    credentialId: registration.id,
  });
  return {
    v: 1,
    tx: opts.tx,
    label: 'Blauer Schlüssel',
    password: o.password ?? PASSWORD,
    signature,
    registration,
    assertion,
  };
}

const view = async (peer: DesktopPeer): Promise<View> =>
  (await peer.signed(t.url, 'GET', '/api/device/account', await serverNow(t.url))).body as View;

describe('security key registration by a paired desktop', () => {
  it('registers and confirms password + security key (substanziell); the device view lists its credential id; the browser can then use it', async () => {
    const { c, peer, key } = await setup();
    const body = await finishBody(peer, key);
    const r = await peer.signedPost(t.url, FINISH, body, await serverNow(t.url));
    expect(r.status).toBe(201);
    const result = KeyRegistrationResult.parse(r.body);
    expect(result).toMatchObject({
      kind: 'password+security-key',
      level: 'substanziell',
      status: 'active',
      label: 'Blauer Schlüssel',
      credentialId: body.registration.id,
    });

    const v = await view(peer);
    expect(v.rpId).toBe('localhost');
    expect(v.means.find((m) => m.id === result.meansId)).toMatchObject({
      kind: 'password+security-key',
      status: 'active',
      level: 'substanziell',
      credentialId: body.registration.id,
    });
    expect(v.means.filter((m) => m.credentialId !== undefined)).toHaveLength(1);

    // The means works in the browser like one registered there: step-up with the key's assertion.
    const ch = await c.post<{ kind: string; options: { challenge: string; rpId: string } }>(
      `/api/means/${result.meansId}/challenge`,
    );
    expect(ch.body.kind).toBe('webauthn');
    const response = await assertCredential(key.ctap, {
      origin: peer.enrolled!.origin,
      rpId: ch.body.options.rpId,
      challenge: ch.body.options.challenge,
      credentialId: result.credentialId,
    });
    expect((await c.post(`/api/means/${result.meansId}/authenticate`, { response })).status).toBe(
      200,
    );

    // The same key again is excluded by the options (the key refuses before anything is sent).
    await expect(finishBody(peer, key)).rejects.toMatchObject({ code: 'key-credential-excluded' });
  });

  it('a wrong PIN proof is the generic 401, counts toward the desktop app block, and three in a row block it', async () => {
    const { peer, key } = await setup();
    const wrongKey = p256.utils.randomSecretKey();
    for (let i = 0; i < 2; i++) {
      const r = await peer.signedPost(
        t.url,
        FINISH,
        await finishBody(peer, key, { approvalKey: wrongKey }),
        await serverNow(t.url),
      );
      expect([r.status, (r.body as Err).error.code]).toEqual([401, 'authentication-failed']);
    }
    // A wrong password is the same answer but not a PIN failure: the device is still active after it.
    const pw = await peer.signedPost(
      t.url,
      FINISH,
      await finishBody(peer, key, { password: 'wrong horse battery' }),
      await serverNow(t.url),
    );
    expect([pw.status, (pw.body as Err).error.code]).toEqual([401, 'authentication-failed']);
    expect((await view(peer)).thisDevice.status).toBe('active');
    const third = await peer.signedPost(
      t.url,
      FINISH,
      await finishBody(peer, key, { approvalKey: wrongKey }),
      await serverNow(t.url),
    );
    expect(third.status).toBe(401);
    const v = await view(peer);
    expect(v.thisDevice.status).toBe('blocked');
    expect(v.means.some((m) => m.kind === 'password+security-key')).toBe(false);
    const after = await options(peer);
    expect([after.status, (after.body as Err).error.code]).toEqual([409, 'means-blocked']);
  });

  it('refuses a replayed or expired registration, clientData for another origin, and malformed bodies', async () => {
    const { peer, key } = await setup();
    const body = await finishBody(peer, key, { origin: 'https://evil.example' });
    const foreign = await peer.signedPost(t.url, FINISH, body, await serverNow(t.url));
    expect(foreign.status).toBe(401);
    const replay = await peer.signedPost(t.url, FINISH, body, await serverNow(t.url));
    expect([replay.status, (replay.body as Err).error.code]).toEqual([404, 'not-found']);

    const late = await finishBody(peer, key);
    await advance(t.url, 301);
    expect((await peer.signedPost(t.url, FINISH, late, await serverNow(t.url))).status).toBe(404);

    const good = await finishBody(peer, key);
    const { password: _pw, ...noPassword } = good;
    for (const bad of [
      noPassword,
      { ...good, signature: 'x' },
      { ...good, v: 2 },
      { ...good, extra: 1 },
      { ...good, registration: { ...good.registration, type: 'other' } },
      { ...good, label: 'x'.repeat(65) },
    ]) {
      const r = await peer.signedPost(t.url, FINISH, bad, await serverNow(t.url));
      expect([r.status, (r.body as Err).error.code]).toEqual([400, 'validation']);
    }
    // Nothing was registered by any of it, and the unsigned route is refused.
    expect((await view(peer)).means.some((m) => m.kind === 'password+security-key')).toBe(false);
    expect(
      (
        await fetch(`${t.url}${OPTIONS}`, {
          method: 'POST',
          headers: { authorization: 'FaktorDevice x' },
        })
      ).status,
    ).toBe(401);
  });

  it('a U2F-only key: its fido-u2f registration is verified by the server; one whose attestation names another key’s certificate is the generic 401', async () => {
    const c = await newAccount(t.url, `sk${++n}`);
    const peer = await pairedPeer(t.url, c);
    const key = await connectSoftKey({ ctap2: false });
    const other = await connectSoftKey({ ctap2: false });
    stops.push(key.stop, other.stop);
    const u2f = new U2fClient(key.channel);
    const origin = peer.enrolled!.origin;
    const u2fBody = async (spoil?: (attestation: Map<string, CborValue>) => void) => {
      const opts = KeyRegistrationOptions.parse((await options(peer)).body);
      const registration = await createCredentialU2f(u2f, {
        origin,
        rp: opts.rp,
        challenge: opts.createChallenge,
        algorithms: opts.algorithms,
        exclude: opts.exclude,
      });
      if (spoil) {
        const att = decodeCbor(
          new Uint8Array(Buffer.from(registration.response.attestationObject, 'base64url')),
        ) as Map<string, CborValue>;
        spoil(att);
        registration.response.attestationObject = Buffer.from(encodeCbor(att)).toString(
          'base64url',
        );
      }
      const assertion = await assertCredentialU2f(u2f, {
        origin,
        rpId: opts.rp.id,
        challenge: opts.getChallenge,
        credentialId: registration.id,
      });
      const signature = signKeyRegistration(peer.approvalSecret, {
        transaction: opts.tx,
        challenge: opts.challenge,
        credentialId: registration.id,
      });
      return { v: 1, tx: opts.tx, password: PASSWORD, signature, registration, assertion };
    };
    const foreign = await createCredentialU2f(new U2fClient(other.channel), {
      origin,
      rp: { id: 'localhost', name: 'x' },
      challenge: 'AAAA',
      algorithms: [-7],
      exclude: [],
    });
    const foreignCert = (
      (
        decodeCbor(
          new Uint8Array(Buffer.from(foreign.response.attestationObject, 'base64url')),
        ) as Map<string, CborValue>
      ).get('attStmt') as Map<string, CborValue>
    ).get('x5c') as CborValue;
    const spoilt = await peer.signedPost(
      t.url,
      FINISH,
      await u2fBody((att) =>
        (att.get('attStmt') as Map<string, CborValue>).set('x5c', foreignCert),
      ),
      await serverNow(t.url),
    );
    expect([spoilt.status, (spoilt.body as Err).error.code]).toEqual([
      401,
      'authentication-failed',
    ]);
    expect((await view(peer)).means.some((m) => m.kind === 'password+security-key')).toBe(false);

    const r = await peer.signedPost(t.url, FINISH, await u2fBody(), await serverNow(t.url));
    expect(r.status).toBe(201);
    expect(KeyRegistrationResult.parse(r.body)).toMatchObject({
      kind: 'password+security-key',
      level: 'substanziell',
      status: 'active',
    });
  });

  it('documents both routes in /openapi.json with a closed body', async () => {
    const doc = (await (await fetch(`${t.url}/openapi.json`)).json()) as {
      paths: Record<
        string,
        {
          post?: {
            requestBody?: {
              content: Record<
                string,
                { schema: { additionalProperties?: boolean; required?: string[] } }
              >;
            };
          };
        }
      >;
    };
    expect(doc.paths[OPTIONS]?.post).toBeDefined();
    const schema = doc.paths[FINISH]?.post?.requestBody?.content['application/json']?.schema;
    expect(schema?.additionalProperties).toBe(false);
    expect(schema?.required).toEqual([
      'v',
      'tx',
      'password',
      'signature',
      'registration',
      'assertion',
    ]);
  });

  it('a pending (unconfirmed) desktop app cannot start a registration', async () => {
    const c = await newAccount(t.url, `sk${++n}`);
    const peer = new DesktopPeer();
    const qr = await c.post<{ payload: string }>('/api/means/desktop-app');
    expect((await peer.enroll(t.url, qr.body.payload, await serverNow(t.url))).status).toBe(201);
    const r = await options(peer);
    expect([r.status, (r.body as Err).error.code]).toEqual([409, 'means-pending']);
  });
});
