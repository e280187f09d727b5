/**
 * TOTP (RFC 6238) as the possession factor of "password + TOTP app". otplib does the maths; the
 * single-use rule (ASVS 5.0 6.5.1) is ours: the last accepted time step is stored per means and
 * passed as `afterTimeStep`, so a code (or an older one) can never be used twice.
 */
import { generateSecret, generateURI, verify, generateSync } from 'otplib';
import QRCode from 'qrcode';

/** 30-second steps, 6 digits, SHA-1: what every authenticator app understands. */
export const TOTP_PERIOD_S = 30;

/** ±1 step of clock drift (RFC 6238 §5.2). */
export const TOTP_WINDOW_STEPS = 1;

/** A fresh 160-bit Base32 seed from a CSPRNG (ASVS 5.0 6.5.3). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI and a QR code (SVG markup and PNG data URL) for enrolment. */
export async function totpEnrolment(
  issuer: string,
  username: string,
  secret: string,
): Promise<{ uri: string; qrSvg: string; qrDataUrl: string }> {
  const uri = generateURI({
    issuer,
    label: username,
    secret,
    period: TOTP_PERIOD_S,
    digits: 6,
    algorithm: 'sha1',
  });
  const [qrSvg, qrDataUrl] = await Promise.all([
    QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }),
    QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2 }),
  ]);
  return { uri, qrSvg, qrDataUrl };
}

/**
 * Checks `code` at time `nowMs` within ±1 step, rejecting any step ≤ `lastStep`. Returns the
 * accepted step (to be stored) or undefined.
 */
export async function verifyTotp(
  secret: string,
  code: string,
  nowMs: number,
  lastStep: number | null,
): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(nowMs / 1000),
    period: TOTP_PERIOD_S,
    epochTolerance: TOTP_PERIOD_S * TOTP_WINDOW_STEPS,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : undefined;
}

/** The current code for `secret` at `nowMs` (tests, the benchmark and the test-mode helpers). */
export function totpCodeAt(secret: string, nowMs: number): string {
  return generateSync({ secret, epoch: Math.floor(nowMs / 1000), period: TOTP_PERIOD_S });
}
