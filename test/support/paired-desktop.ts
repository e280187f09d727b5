import QRCode from 'qrcode';
import type { ChannelHandlers } from '../../electron/main/ipc';
import { newAccount } from '../server/http/client';

type Qr = { payload: string; tx: string };

/** Scans `payload` as a QR image through the app's own decoder (qr-decode-image) and returns its token. */
export async function scanToken(api: ChannelHandlers, payload: string): Promise<string> {
  const base64 = (await QRCode.toBuffer(payload, { margin: 4, scale: 5 })).toString('base64');
  const found = await api['qr-decode-image']({ base64, source: 'image' });
  const token = found.codes[0]?.token;
  if (!token) throw new Error('the QR did not decode');
  return token;
}

/**
 * Creates an account on the test server, pairs the app's api with it and confirms the pairing with the
 * offline code (§4.2) — the state a user is in before the same-device link or online approvals.
 */
export async function pairConfirmed(
  api: ChannelHandlers,
  serverUrl: string,
  username: string,
  pin: string,
): Promise<void> {
  const c = await newAccount(serverUrl, username);
  const paired = await api['servicekonto-pair']({
    token: await scanToken(api, (await c.post<Qr>('/api/means/desktop-app')).body.payload),
    pin,
  });
  const confirm = await scanToken(
    api,
    (await c.post<Qr>(`/api/means/${paired.meansId}/challenge`)).body.payload,
  );
  const { code } = await api['servicekonto-offline-code']({ token: confirm, pin });
  const ok = await c.post(`/api/means/${paired.meansId}/authenticate`, { code });
  if (ok.status !== 200) throw new Error(`pairing not confirmed: ${ok.status}`);
}
