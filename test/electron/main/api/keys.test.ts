import { afterEach, describe, expect, it } from 'vitest';
import { contract, type EventName } from '../../../../shared/ipc/contract';
import { UDEV_RULE } from '../../../../shared/ctap/udev-rule';
import { createKeyHandlers } from '../../../../electron/main/api/keys';
import { ScriptedDialogs } from '../../../support/doubles';
import { SoftKeyBay } from '../../../support/soft-authenticator/key-bay';
import { enrolResident } from '../../../support/soft-authenticator/enrol';

// The keys api over simulated keys plugged into a SoftKeyBay: the stand-in for physical USB keys,
// which cannot exist in CI. Everything above the HID transport seam is the real code.
const quits: Array<() => Promise<void>> = [];
let bay: SoftKeyBay;
function rig(o: { replugTimeoutMs?: number; platform?: string } = {}) {
  bay = new SoftKeyBay({ keepaliveMs: 20 });
  const events: Array<{ name: EventName; payload: unknown }> = [];
  const dialogs = new ScriptedDialogs();
  const api = createKeyHandlers({
    ports: {
      keys: bay,
      dialogs,
      emit: (name, payload) => void events.push({ name, payload }),
      onQuit: (run) => void quits.push(run),
    },
    language: () => 'de',
    ...o,
  });
  return { api, bay, events, dialogs };
}
afterEach(async () => {
  for (const q of quits.splice(0)) await q();
  await bay?.close();
});

describe('keys api', () => {
  it('lists every key with its public info (schema-valid), a key without access with the permission error, and reports plugs', async () => {
    const { api, bay, events } = rig({ platform: 'linux' });
    const a = bay.plug('/dev/hidraw1');
    bay.plug('/dev/hidraw2');
    bay.denyAccess('/dev/hidraw2');
    const list = contract['keys-list'].response.parse(await api['keys-list']({}));
    expect(list.platform).toBe('linux');
    expect(list.keys[0]).toMatchObject({
      path: '/dev/hidraw1',
      product: 'Soft FIDO2 key',
      ctap2: true,
      u2f: true,
      wink: true,
      pinSet: false,
      minPinLength: 4,
      credMgmt: true,
      versions: ['U2F_V2', 'FIDO_2_0', 'FIDO_2_1'],
    });
    expect(list.keys[0]!.aaguid).toBe(Buffer.from(a.core.aaguid).toString('hex'));
    expect(list.keys[1]).toMatchObject({
      path: '/dev/hidraw2',
      error: 'key-permission-denied',
      versions: [],
    });
    expect(UDEV_RULE).toContain('TAG+="uaccess"');
    bay.plug('/dev/hidraw3');
    await expect
      .poll(() => events.filter((e) => e.name === 'keys-changed').length, { timeout: 5000 })
      .toBeGreaterThan(0);
  });

  it('sets and changes the PIN under the key policy; a wrong PIN costs a retry; lists and deletes passkeys; winks', async () => {
    const { api, bay } = rig();
    const a = bay.plug('/dev/hidraw1');
    await expect(api['keys-set-pin']({ path: '/dev/hidraw1', pin: '123' })).rejects.toMatchObject({
      code: 'key-pin-policy',
    });
    await api['keys-set-pin']({ path: '/dev/hidraw1', pin: '2468' });
    await api['keys-change-pin']({ path: '/dev/hidraw1', current: '2468', next: '975310' });
    await expect(
      api['keys-credentials']({ path: '/dev/hidraw1', pin: '2468' }),
    ).rejects.toMatchObject({ code: 'key-pin-invalid' });
    expect((await api['keys-list']({})).keys[0]).toMatchObject({ pinSet: true, pinRetries: 7 });
    await enrolResident(a, '975310', 'konto.example', 'erika');
    await enrolResident(a, '975310', 'konto.example', 'max');
    const groups = contract['keys-credentials'].response.parse(
      await api['keys-credentials']({ path: '/dev/hidraw1', pin: '975310' }),
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]!.rpId).toBe('konto.example');
    expect(groups[0]!.credentials.map((c) => c.userName).sort()).toEqual(['erika', 'max']);
    expect(JSON.stringify(groups)).not.toContain('975310');
    const erika = groups[0]!.credentials.find((c) => c.userName === 'erika')!;
    await api['keys-delete-credential']({
      path: '/dev/hidraw1',
      pin: '975310',
      credentialId: erika.credentialId,
    });
    const after = await api['keys-credentials']({ path: '/dev/hidraw1', pin: '975310' });
    expect(after[0]!.credentials.map((c) => c.userName)).toEqual(['max']);
    await api['keys-wink']({ path: '/dev/hidraw1' });
    expect(a.winks).toBe(1);
  });

  it('reset waits for the replug, asks for the touch, and erases PIN and passkeys', async () => {
    const { api, bay, events } = rig();
    const a = bay.plug('/dev/hidraw1', { resetWindowMs: 10_000 });
    await api['keys-set-pin']({ path: '/dev/hidraw1', pin: '2468' });
    await enrolResident(a, '2468', 'konto.example', 'erika');
    bay.touch = { mode: 'after', ms: 300 };
    const reset = api['keys-reset']({ path: '/dev/hidraw1', confirm: true });
    await expect
      .poll(() =>
        events.some(
          (e) => e.name === 'keys-progress' && (e.payload as { stage: string }).stage === 'replug',
        ),
      )
      .toBe(true);
    await bay.replug('/dev/hidraw1');
    expect(await reset).toEqual({ path: '/dev/hidraw1' });
    expect(
      events
        .filter((e) => e.name === 'keys-progress')
        .map((e) => (e.payload as { stage: string }).stage),
    ).toEqual(['replug', 'touch']);
    expect(a.store.resident()).toHaveLength(0);
    expect((await api['keys-list']({})).keys[0]).toMatchObject({ pinSet: false });
  });

  it('reset needs main\'s native yes: a "no" (or no dialog at all) leaves the key untouched without waiting for a replug', async () => {
    const { api, bay, events, dialogs } = rig();
    const a = bay.plug('/dev/hidraw1', { resetWindowMs: 10_000 });
    await api['keys-set-pin']({ path: '/dev/hidraw1', pin: '2468' });
    await enrolResident(a, '2468', 'konto.example', 'erika');
    dialogs.nextDestructiveConsent(false);
    await expect(api['keys-reset']({ path: '/dev/hidraw1', confirm: true })).rejects.toMatchObject({
      code: 'cancelled',
    });
    expect(dialogs.destructiveAsked).toEqual([{ action: 'reset-key', language: 'de' }]);
    const bare = createKeyHandlers({ ports: { keys: bay, emit: () => undefined } });
    await expect(bare['keys-reset']({ path: '/dev/hidraw1', confirm: true })).rejects.toMatchObject(
      { code: 'cancelled' },
    );
    expect(events.filter((e) => e.name === 'keys-progress')).toEqual([]);
    expect(a.store.resident()).toHaveLength(1);
    expect((await api['keys-list']({})).keys[0]).toMatchObject({ pinSet: true });
  });

  it('reset is refused with several keys plugged, can be cancelled while waiting, and times out without a replug', async () => {
    const { api, bay } = rig({ replugTimeoutMs: 400 });
    bay.plug('/dev/hidraw1');
    bay.plug('/dev/hidraw2');
    await expect(api['keys-reset']({ path: '/dev/hidraw1', confirm: true })).rejects.toMatchObject({
      code: 'key-several-plugged',
    });
    await bay.unplug('/dev/hidraw2');
    await expect(api['keys-reset']({ path: '/dev/hidraw1', confirm: true })).rejects.toMatchObject({
      code: 'key-timeout',
    });
    const waiting = api['keys-reset']({ path: '/dev/hidraw1', confirm: true });
    await new Promise((r) => setTimeout(r, 50));
    await api['keys-cancel']({});
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' });
    expect(bay.authenticator('/dev/hidraw1').winks).toBe(0);
  });

  it('a key pulled out during the touch ends the reset as key-removed', async () => {
    const { api, bay, events } = rig();
    bay.plug('/dev/hidraw1');
    bay.touch = { mode: 'never' };
    const reset = api['keys-reset']({ path: '/dev/hidraw1', confirm: true });
    await expect.poll(() => events.length).toBe(1);
    await bay.replug('/dev/hidraw1');
    await expect.poll(() => events.length, { timeout: 5000 }).toBe(2);
    await bay.unplug('/dev/hidraw1');
    await expect(reset).rejects.toMatchObject({ code: 'key-removed' });
  });

  it('only opens a path the source lists as a FIDO interface: a compromised renderer cannot aim CTAPHID at another HID device', async () => {
    bay = new SoftKeyBay({ keepaliveMs: 20 });
    bay.plug('/dev/hidraw1');
    const other = bay.plug('/dev/hidraw7'); // stands for a non-FIDO HID device the OS would still open
    const opened: string[] = [];
    const keys = {
      list: async () => (await bay.list()).filter((d) => d.path !== '/dev/hidraw7'),
      open: (path: string) => (opened.push(path), bay.open(path)),
    };
    const api = createKeyHandlers({ ports: { keys, emit: () => undefined } });
    for (const call of [
      () => api['keys-wink']({ path: '/dev/hidraw7' }),
      () => api['keys-set-pin']({ path: '/dev/hidraw7', pin: '2468' }),
      () => api['keys-credentials']({ path: '/dev/hidraw7', pin: '2468' }),
      () =>
        api['keys-delete-credential']({ path: '/dev/hidraw7', pin: '2468', credentialId: 'AAAA' }),
    ])
      await expect(call()).rejects.toMatchObject({ code: 'key-removed' });
    expect(opened).not.toContain('/dev/hidraw7');
    expect(other.winks).toBe(0);
    await api['keys-wink']({ path: '/dev/hidraw1' });
    expect(opened).toEqual(['/dev/hidraw1']);
  });

  it('without a key source lists nothing and refuses key actions', async () => {
    const api = createKeyHandlers({ ports: { emit: () => undefined } });
    expect((await api['keys-list']({})).keys).toEqual([]);
    await expect(api['keys-wink']({ path: '/dev/hidraw1' })).rejects.toMatchObject({
      code: 'key-removed',
    });
  });
});
