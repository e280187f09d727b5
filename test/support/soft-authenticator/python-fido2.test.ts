import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { serveSoftAuthenticatorUdp } from './serve-udp';

// The software authenticator is our test double for a USB key; it is validated here by an independent
// client, Debian's python3-fido2 0.9.1 (run with /usr/bin/python3), over the loopback UDP transport.
const script = fileURLToPath(new URL('./python-fido2-check.py', import.meta.url));
const run = promisify(execFile);
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await stop?.();
  stop = undefined;
});

async function check(credMgmt: 'full' | 'preview'): Promise<Record<string, unknown>> {
  const served = await serveSoftAuthenticatorUdp(0, { credMgmt });
  stop = served.stop;
  const { stdout } = await run('/usr/bin/python3', [script, String(served.port)], {
    timeout: 60_000,
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe('software authenticator vs python-fido2 over UDP', () => {
  it.each(['full', 'preview'] as const)(
    'GetInfo, ClientPin v1+v2, MakeCredential, GetAssertion, CredMgmt (%s), Ctap1, Reset',
    async (mode) => {
      const r = await check(mode);
      expect(r.versions).toEqual(['U2F_V2', 'FIDO_2_0', 'FIDO_2_1']);
      expect(r.pinProtocols).toEqual([2, 1]);
      expect(r.credMgmtOption).toEqual(mode === 'full' ? ['credMgmt'] : ['credentialMgmtPreview']);
      expect(r.mcWithoutPin).toBe(1);
      expect(r.retriesAfterSet).toBe(8);
      expect(r.wrongPinV1).toBe('PIN_INVALID');
      expect(r.retriesAfterWrong).toBe(7);
      expect(r.mcWithPinV2).toBe(2);
      expect(r.pinRequired).toBe('PIN_REQUIRED');
      expect(r.residentCount).toBe(3);
      expect(r.rps).toEqual(['nopin.example', 'pin.example']);
      expect(r.usersAtPinRp).toEqual(['bob', 'carol']);
      expect(r.residentAfterDelete).toBe(2);
      expect(r.u2fVersion).toBe('U2F_V2');
      expect(r.u2fCounter).toBeGreaterThan(0);
      expect(r.u2fWrongHandle).toBe('0x6a80');
      expect(r.afterReset).toEqual({ clientPin: false, noCreds: 'NO_CREDENTIALS' });
    },
  );
});
