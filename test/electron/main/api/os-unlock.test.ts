import { afterEach, beforeEach, expect, it } from 'vitest';
import { StandInOsVerifier, testPorts } from '../../../support/doubles';
import { outcome, sandbox, testApi, type Sandbox } from '../../../support/sandbox';
import type { Api } from '../../../../electron/main/api';

/*
 * The api's wiring of OS unlock (api/index.ts): the vault's re-key hook reaches the service, the prompt's
 * reason follows the UI language, the channels count as activity. Real keychain and files; the Touch ID
 * prompt cannot exist here, so StandInOsVerifier answers it.
 */

let box: Sandbox;
let api: Api;
let verifier: StandInOsVerifier;

beforeEach(() => {
  box = sandbox();
  verifier = new StandInOsVerifier('touch-id');
  api = testApi(box, { ...testPorts(), osVerifier: verifier });
});
afterEach(async () => {
  await box.close();
});

it('a password change through the api keeps OS unlock working; removing the password turns it off', async () => {
  await api['vault-set-password']({ current: null, next: 'correct horse' });
  expect(await api['os-unlock-enable']({ password: 'correct horse' })).toEqual({
    method: 'touch-id',
    enabled: true,
  });
  expect(verifier.prompts).toEqual(['Ihre Konten zu entsperren']); // testPorts' OS locale is de-DE
  await api['vault-set-password']({ current: 'correct horse', next: 'battery staple' });
  await api['vault-lock']({});
  expect(await api['os-unlock-vault']({})).toMatchObject({ state: 'ready' });
  await api['vault-set-password']({ current: 'battery staple', next: null });
  expect(await api['os-unlock-status']({})).toEqual({ method: 'touch-id', enabled: false });
});

it('without a platform prompt every channel says so and nothing is prompted', async () => {
  const plain = testApi(box, testPorts());
  await plain['vault-set-password']({ current: null, next: 'correct horse' });
  expect(await plain['os-unlock-status']({})).toEqual({ method: null, enabled: false });
  expect(await outcome(() => plain['os-unlock-enable']({ password: 'correct horse' }))).toBe(
    'os-unlock-unavailable',
  );
  await plain['vault-lock']({});
  expect(await outcome(() => plain['os-unlock-vault']({}))).toBe('os-unlock-unavailable');
});
