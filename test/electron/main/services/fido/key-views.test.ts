import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KeyCredentialGroup, KeyView } from '../../../../../shared/ipc/keys-schemas';
import { hasUnsafeNameChar } from '../../../../../shared/text/names';
import {
  credentialGroups,
  keyView,
  platformFamily,
} from '../../../../../electron/main/services/fido/key-views';

/**
 * Whatever a (hostile or broken) key reports — long product strings, many versions, odd PIN numbers,
 * unknown error codes, huge user names — the view built from it passes the IPC response schema, so a
 * key can never make the keys screen fail with `internal` or slip an extra field through.
 */
const text = fc.string({ maxLength: 600 });
const summary = fc.record({
  device: fc.record({
    path: fc.string({ minLength: 1, maxLength: 300 }),
    vendorId: fc.integer({ min: 0, max: 0xffff }),
    productId: fc.integer({ min: 0, max: 0xffff }),
    product: fc.option(text, { nil: undefined }),
    manufacturer: fc.option(text, { nil: undefined }),
  }),
  ctap2: fc.boolean(),
  u2f: fc.boolean(),
  wink: fc.boolean(),
  aaguid: fc.option(
    fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('hex')),
    { nil: undefined },
  ),
  versions: fc.array(text, { maxLength: 40 }),
  pinSet: fc.option(fc.boolean(), { nil: undefined }),
  pinRetries: fc.option(fc.integer({ min: -5, max: 100_000 }), { nil: undefined }),
  minPinLength: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }),
  credMgmt: fc.boolean(),
  error: fc.option(
    fc.oneof(fc.constant('key-permission-denied'), fc.constant('key-removed'), text),
    { nil: undefined },
  ),
});

describe('key views', () => {
  it('any key summary becomes a schema-valid KeyView (unknown error codes become internal)', () => {
    fc.assert(
      fc.property(summary, (s) => {
        const v = KeyView.parse(keyView(s));
        if (s.error !== undefined && !['key-permission-denied', 'key-removed'].includes(s.error))
          expect(v.error).toBe('internal');
      }),
    );
  });

  it('any credential list becomes schema-valid groups with base64url ids', () => {
    const cred = fc.record({
      credentialId: fc.uint8Array({ minLength: 1, maxLength: 1024 }),
      user: fc.record({
        id: fc.uint8Array({ maxLength: 64 }),
        name: fc.option(text, { nil: undefined }),
        displayName: fc.option(text, { nil: undefined }),
      }),
      publicKey: fc.constant(new Map()),
    });
    const group = fc.record({
      rp: fc.record({
        id: text,
        name: fc.option(text, { nil: undefined }),
        rpIdHash: fc.constant(new Uint8Array(32)),
      }),
      credentials: fc.array(cred, { maxLength: 5 }),
    });
    fc.assert(
      fc.property(fc.array(group, { maxLength: 5 }), (list) => {
        const out = credentialGroups(list);
        for (const g of out) KeyCredentialGroup.parse(g);
        out.forEach((g, i) =>
          g.credentials.forEach((c, j) =>
            expect(Buffer.from(c.credentialId, 'base64url')).toEqual(
              Buffer.from(list[i]!.credentials[j]!.credentialId),
            ),
          ),
        );
      }),
    );
  });

  it('drops control and bidi characters a hostile key reports, so the CLI never prints an ESC sequence to the terminal', () => {
    const evil = 'Yubi\u001b]0;owned\u0007Key\u202e\u009b2J';
    const v = keyView({
      device: {
        path: '/dev/hidraw1',
        vendorId: 1,
        productId: 2,
        product: evil,
        manufacturer: evil,
      },
      ctap2: true,
      u2f: true,
      wink: false,
      versions: [`FIDO_2_0${evil}`],
      credMgmt: true,
    });
    const [g] = credentialGroups([
      {
        rp: { id: `konto.example${evil}`, name: evil, rpIdHash: new Uint8Array(32) },
        credentials: [
          {
            credentialId: new Uint8Array([1]),
            user: { id: new Uint8Array([1]), name: evil, displayName: evil },
            publicKey: new Map(),
          },
        ],
      },
    ]);
    const shown = [
      v.product,
      v.manufacturer,
      ...v.versions,
      g!.rpId,
      g!.rpName,
      g!.credentials[0]!.userName,
      g!.credentials[0]!.userDisplayName,
    ];
    for (const t of shown) expect(hasUnsafeNameChar(t!)).toBe(false);
    expect(v.product).toBe('Yubi]0;ownedKey2J');
    expect(g!.rpId).toBe('konto.exampleYubi]0;ownedKey2J');
  });

  it('names the OS family for the permission hint', () => {
    expect(['linux', 'win32', 'darwin', 'freebsd'].map(platformFamily)).toEqual([
      'linux',
      'win32',
      'darwin',
      'other',
    ]);
  });
});
