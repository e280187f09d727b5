import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../../../shared/ipc/contract';
import { previewLeadMs, previewOpensAt } from '../../../../shared/otp/next-preview';
import type { Api } from '../../../../electron/main/api';
import { testPorts } from '../../../support/doubles';
import { outcome, sandbox, testApi } from '../../../support/sandbox';

/**
 * The next-code preview's time rule in main (codes-next): the real api, vault, keychain (throwaway
 * gnome-keyring) and OTP code; only the clock is a double (ManualClock), so the rule is checked at the
 * exact milliseconds around the preview's start. Codes are RFC 6238's SHA-1 vectors.
 */

const RFC_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
let box: ReturnType<typeof sandbox>;
let ports: ReturnType<typeof testPorts>;
let api: Api;

beforeEach(() => {
  box = sandbox();
  ports = testPorts();
  api = testApi(box, ports);
});
afterEach(async () => {
  await box.close();
});

const add = (o: { period?: number; type?: 'totp' | 'hotp'; label?: string } = {}) =>
  api['accounts-add-manual']({
    type: o.type ?? 'totp',
    issuer: 'RFC',
    label: o.label ?? 'a',
    secret: RFC_SEED,
    algorithm: 'SHA1',
    digits: 8,
    period: o.period ?? 30,
    counter: 0,
  });

describe('codes-next (next-code preview)', () => {
  it('answers only in the last 10 s of a 30 s period, with the next window’s code (RFC 6238 T=1111111111)', async () => {
    const a = await add();
    // The window 1111111080–1111111110 s; its next one holds RFC's T=1111111111 → 14050471.
    ports.clock.t = 1111111099_999; // 10.001 s left
    expect(await outcome(() => api['codes-next']({ ids: [a.id] }))).toBe('code-not-due');
    ports.clock.t = 1111111080_000; // the period's first instant
    expect(await outcome(() => api['codes-next']({ ids: [a.id] }))).toBe('code-not-due');
    ports.clock.t = 1111111100_000; // exactly 10 s left
    const next = await api['codes-next']({ ids: [a.id] });
    expect(next).toEqual([
      { id: a.id, code: '14050471', validFrom: 1111111110_000, validUntil: 1111111140_000 },
    ]);
    expect(contract['codes-next'].response.parse(next)).toEqual(next);
    ports.clock.t = 1111111109_999;
    expect((await api['codes-next']({ ids: [a.id] }))[0]!.code).toBe('14050471');
    // The current code at that instant is RFC's T=1111111109 value; the preview is a different one.
    expect((await api['codes-current']({ ids: [a.id] }))[0]!.code).toBe('07081804');
    // Once the next window has begun, its own preview is 20 s away again.
    ports.clock.t = 1111111110_000;
    expect(await outcome(() => api['codes-next']({ ids: [a.id] }))).toBe('code-not-due');
  });

  it('scales the lead with the period (a third, at least 1 s) and checks every account on its own period', async () => {
    expect([15, 30, 60, 1, 2, 90].map(previewLeadMs)).toEqual([
      5_000, 10_000, 20_000, 1_000, 1_000, 30_000,
    ]);
    const a30 = await add();
    const a60 = await add({ period: 60, label: 'b' });
    // 1111111119 s: 21 s left of the 60 s window (…080–…140), 21 s left of the 30 s window (…110–…140).
    ports.clock.t = 1111111119_000;
    expect(previewOpensAt(60, ports.clock.t)).toBe(1111111120_000);
    expect(await outcome(() => api['codes-next']({ ids: [a60.id] }))).toBe('code-not-due');
    ports.clock.t = 1111111120_000; // 20 s left of both: the 60 s account is due, the 30 s one is not
    expect((await api['codes-next']({ ids: [a60.id] }))[0]!.validFrom).toBe(1111111140_000);
    expect(await outcome(() => api['codes-next']({ ids: [a60.id, a30.id] }))).toBe('code-not-due');
  });

  it('never answers for HOTP (a counter code is not next in time) and leaves its counter alone', async () => {
    const h = await add({ type: 'hotp', label: 'h' });
    ports.clock.t = 1111111109_000;
    expect(await outcome(() => api['codes-next']({ ids: [h.id] }))).toBe('invalid-request');
    expect((await api['accounts-list']({}))[0]!.counter).toBe(0);
    expect(await outcome(() => api['codes-next']({ ids: ['missing-id-1'] }))).toBe('not-found');
  });
});
