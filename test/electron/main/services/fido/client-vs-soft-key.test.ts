import { afterEach, describe, expect, it } from 'vitest';
import { Permission } from '../../../../../shared/ctap/client-pin';
import { Status, isCtapError, type CtapError } from '../../../../../shared/ctap/errors';
import {
  CredentialClient,
  hashRpId,
} from '../../../../../electron/main/services/fido/credential-client';
import { PinClient } from '../../../../../electron/main/services/fido/pin-client';
import { connectSoftKey } from '../../../../support/soft-authenticator/connect';
import {
  clientData,
  RP,
  verifyAssertion,
  verifyAttestation,
} from '../../../../support/soft-authenticator/webauthn-verify';

// Our CTAP client against the in-repo software authenticator over the in-memory report pipe (a USB
// key cannot exist in CI; the soft key itself is validated by python-fido2, see test/support).
const rpId = RP.id;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

describe('CTAP2 client against the software authenticator', () => {
  it('GetInfo, INIT details and wink', async () => {
    const key = await connectSoftKey({ credMgmt: 'preview' });
    stop = key.stop;
    const info = await key.ctap.info();
    expect(info.versions).toContain('FIDO_2_1');
    expect(info.aaguid).toEqual(key.authenticator.core.aaguid);
    expect(key.ctap.supportsCtap2).toBe(true);
    await key.ctap.wink();
    expect(key.authenticator.winks).toBe(1);
  });

  for (const version of [2, 1] as const) {
    it(`PIN protocol ${version}: set, wrong PIN costs a retry, change, token; MakeCredential + GetAssertion verified by @simplewebauthn/server`, async () => {
      const key = await connectSoftKey({ pinProtocols: [version] });
      stop = key.stop;
      const pins = new PinClient(key.ctap);
      expect((await pins.protocol()).version).toBe(version);
      await pins.setPin('2468');
      expect((await key.ctap.info()).options.clientPin).toBe(true);
      await expect(pins.token('0000', Permission.MC)).rejects.toMatchObject({
        code: 'key-pin-invalid',
      });
      expect(await pins.retries()).toBe(7);
      await pins.changePin('2468', '135790');
      const token = await pins.token('135790', Permission.MC | Permission.GA, rpId);
      expect(token.token).toHaveLength(32);
      expect(await pins.retries()).toBe(8);

      const challenge = new Uint8Array(32).fill(9);
      const create = clientData('webauthn.create', challenge);
      const att = await key.ctap.makeCredential({
        clientDataHash: create.hash,
        rp: { id: rpId, name: 'Servicekonto' },
        user: { id: Uint8Array.of(1, 2, 3), name: 'erika', displayName: 'Erika Mustermann' },
        residentKey: true,
        pinUvAuthParam: token.protocol.authenticate(token.token, create.hash),
        pinUvAuthProtocol: version,
      });
      expect(await verifyAttestation(att, create, challenge, true)).toBe(true);

      const get = clientData('webauthn.get', challenge);
      const [assertion] = await key.ctap.getAssertions({
        rpId,
        clientDataHash: get.hash,
        allowList: [att.authData.credential!.credentialId],
      });
      expect(await verifyAssertion(att, assertion!, get, challenge)).toBe(true);
    });
  }

  it('MakeCredential on a key with a PIN but without pinUvAuthParam is PIN_REQUIRED', async () => {
    const key = await connectSoftKey();
    stop = key.stop;
    await new PinClient(key.ctap).setPin('2468');
    const error = await key.ctap
      .makeCredential({
        clientDataHash: new Uint8Array(32),
        rp: { id: rpId },
        user: { id: Uint8Array.of(1) },
      })
      .catch((e: unknown) => e);
    expect(isCtapError(error, Status.PIN_REQUIRED)).toBe(true);
    expect((error as CtapError).code).toBe('key-pin-required');
  });

  it('three wrong PINs in a row block until power cycle; retries survive it', async () => {
    const key = await connectSoftKey();
    stop = key.stop;
    const pins = new PinClient(key.ctap);
    await pins.setPin('2468');
    for (let i = 0; i < 2; i++)
      await expect(pins.token('1111', Permission.GA)).rejects.toMatchObject({
        code: 'key-pin-invalid',
      });
    await expect(pins.token('1111', Permission.GA)).rejects.toMatchObject({
      code: 'key-pin-blocked',
      params: { status: 'PIN_AUTH_BLOCKED' },
    });
    await expect(pins.token('2468', Permission.GA)).rejects.toMatchObject({
      params: { status: 'PIN_AUTH_BLOCKED' },
    });
    key.authenticator.powerCycle();
    expect(await pins.retries()).toBe(5);
    expect((await pins.token('2468', Permission.GA)).token).toHaveLength(32);
  });

  it.each(['full', 'preview'] as const)(
    'credential management (%s): list, GetNextAssertion over several, delete',
    async (credMgmt) => {
      const key = await connectSoftKey({ credMgmt });
      stop = key.stop;
      const pins = new PinClient(key.ctap);
      await pins.setPin('2468');
      for (const [rp, user] of [
        [rpId, 'erika'],
        [rpId, 'max'],
        ['other.example', 'erika'],
      ] as const) {
        const t = await pins.token('2468', Permission.MC, rp);
        const cdh = new Uint8Array(32).fill(1);
        await key.ctap.makeCredential({
          clientDataHash: cdh,
          rp: { id: rp },
          user: { id: new TextEncoder().encode(user), name: user },
          residentKey: true,
          pinUvAuthParam: t.protocol.authenticate(t.token, cdh),
          pinUvAuthProtocol: t.protocol.version,
        });
      }
      const all = await key.ctap.getAssertions({ rpId, clientDataHash: new Uint8Array(32) });
      expect(all).toHaveLength(2);
      expect(all[0]!.numberOfCredentials).toBe(2);

      const creds = new CredentialClient(key.ctap);
      const token = await creds.token(pins, '2468');
      expect(await creds.metadata(token)).toEqual({ existing: 3, remaining: 22 });
      const list = await creds.list(token);
      expect(list.map((r) => r.rp.id).sort()).toEqual(['konto.example', 'other.example']);
      const konto = list.find((r) => r.rp.id === rpId)!;
      expect(konto.rp.rpIdHash).toEqual(hashRpId(rpId));
      expect(konto.credentials.map((c) => c.user.name).sort()).toEqual(['erika', 'max']);
      await creds.delete(token, konto.credentials[0]!.credentialId);
      expect((await creds.metadata(token)).existing).toBe(2);
    },
  );

  it('an empty key lists no credentials (NO_CREDENTIALS is an empty list)', async () => {
    const key = await connectSoftKey();
    stop = key.stop;
    const pins = new PinClient(key.ctap);
    await pins.setPin('2468');
    const creds = new CredentialClient(key.ctap);
    expect(await creds.list(await creds.token(pins, '2468'))).toEqual([]);
  });

  it('reset works right after plug-in and is refused later (NOT_ALLOWED)', async () => {
    const key = await connectSoftKey({ resetWindowMs: 0 });
    stop = key.stop;
    await expect(key.ctap.reset()).rejects.toMatchObject({ params: { status: 'NOT_ALLOWED' } });
    const fresh = await connectSoftKey();
    await new PinClient(fresh.ctap).setPin('2468');
    await fresh.ctap.reset();
    expect((await fresh.ctap.info()).options.clientPin).toBe(false);
    await fresh.stop();
  });
});
