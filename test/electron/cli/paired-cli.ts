import { expect } from 'vitest';
import { newAccount } from '../../server/http/client';
import type { CliRun, cliSandbox } from './run-cli';

type Qr = { payload: string };
const last = (r: CliRun): Record<string, unknown> => r.lines[r.lines.length - 1] ?? {};

/**
 * Creates `username` on the test server, pairs the CLI's vault with it (`faktor pair`) and confirms the
 * pairing with the code `faktor approve` prints (§4.2): the state CLI tests of paired features start from.
 */
export async function pairConfirmedCli(
  box: ReturnType<typeof cliSandbox>,
  serverUrl: string,
  username: string,
  pinFile: string,
): Promise<void> {
  const c = await newAccount(serverUrl, username);
  const paired = await box.run([
    'pair',
    (await c.post<Qr>('/api/means/desktop-app')).body.payload,
    '--pin-file',
    pinFile,
    '--json',
  ]);
  expect(paired.code, paired.stderr).toBe(0);
  const meansId = String((last(paired).paired as { meansId: string }).meansId);
  const confirm = await box.run([
    'approve',
    (await c.post<Qr>(`/api/means/${meansId}/challenge`)).body.payload,
    '--pin-file',
    pinFile,
    '--json',
  ]);
  expect(
    (await c.post(`/api/means/${meansId}/authenticate`, { code: last(confirm).code })).status,
  ).toBe(200);
}
