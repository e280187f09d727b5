/**
 * `npm run bench:pairing-offline` — the offline login path of the app: from a scanned `faktor-login:`
 * text to the 8-digit response shown (QR router → strict parse → pairing lookup among N pairings →
 * AES-CTR decryption with the PIN key → RFC 6287 OCRA), EXCLUDING the PIN's KDF, which is measured
 * separately (Argon2id at the production cost). Baseline in the same run: one TOTP code from the
 * app's own generator. Prints a markdown block for docs/benchmarks.md; nothing is asserted.
 *
 * Flags: --runs N (default 2000), --kdf-runs N (default 7), --pairings N (default 20).
 */
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { totpCode } from '../../shared/otp/generate';
import { formatLoginPayload } from '../../shared/servicekonto/login-payload';
import { DEFAULT_KDF } from '../../electron/main/services/crypto';
import {
  offlineCodeWithKey,
  prepareOfflineLogin,
} from '../../electron/main/services/servicekonto/offline-login';
import type { PairedRecord } from '../../electron/main/services/servicekonto/paired-record';
import {
  newDeviceSecrets,
  pinKey,
  sealWithPin,
} from '../../electron/main/services/servicekonto/pin-secrets';
import { median, percentile } from '../stats';

function flag(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
}
const RUNS = flag('runs', 2000);
const KDF_RUNS = flag('kdf-runs', 7);
const PAIRINGS = flag('pairings', 20);
const PIN = '482916';

const p99 = (xs: number[]): number => percentile(xs, 0.99);

const sealed = await sealWithPin(PIN, newDeviceSecrets(), DEFAULT_KDF);
const pairings: PairedRecord[] = Array.from({ length: PAIRINGS }, (_, i) => ({
  id: `pairing-${String(i).padStart(4, '0')}`,
  origin: i % 2 ? 'https://konto.example' : 'http://127.0.0.1:8787',
  account: `acct-${i}`,
  accountName: `user${i}@example.org`,
  meansId: `means-${i}`,
  suite: 'OCRA-1:HOTP-SHA256-8:QH40-S064',
  level: 'substanziell',
  pairedAt: 0,
  sealed,
  deviceKey: randomBytes(32).toString('base64'),
}));
const target = pairings[PAIRINGS - 1]!;
const nowMs = Date.now();
const payload = (): string =>
  formatLoginPayload({
    origin: target.origin,
    account: target.account,
    accountName: target.accountName,
    tx: randomBytes(16).toString('base64url'),
    challenge: randomBytes(20).toString('hex'),
    service: 'Wohngeld-Antrag',
    level: 'substanziell',
    exp: Math.floor(nowMs / 1000) + 300,
  });

const kdfTimes: number[] = [];
let key = await pinKey(PIN, sealed);
for (let i = 0; i < KDF_RUNS; i++) {
  const t0 = performance.now();
  key = await pinKey(PIN, sealed);
  kdfTimes.push(performance.now() - t0);
}

const texts = Array.from({ length: RUNS }, payload);
const path: number[] = [];
const base: number[] = [];
const totp = {
  type: 'totp' as const,
  secret: new Uint8Array(20).fill(7),
  algorithm: 'SHA1' as const,
  digits: 6,
  period: 30,
  counter: 0,
  issuer: 'X',
  label: 'y',
};
for (let i = 0; i < RUNS; i++) {
  let t0 = performance.now();
  offlineCodeWithKey(prepareOfflineLogin(texts[i]!, pairings, nowMs), key);
  path.push(performance.now() - t0);
  t0 = performance.now();
  totpCode(totp, nowMs + i * 30_000);
  base.push(performance.now() - t0);
}
key.fill(0);

const ratio = median(path) / median(base);
console.log(`### Offline login code (\`npm run bench:pairing-offline\`), ${new Date().toISOString().slice(0, 10)}
Machine: ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}.

| step | runs | median ms | p99 ms |
|---|---|---|---|
| scanned text → code shown (router, parse, lookup in ${PAIRINGS} pairings, AES-CTR, OCRA), no KDF | ${RUNS} | ${median(path).toFixed(3)} | ${p99(path).toFixed(3)} |
| baseline: one TOTP code (shared/otp) | ${RUNS} | ${median(base).toFixed(3)} | ${p99(base).toFixed(3)} |
| PIN KDF alone: Argon2id ${DEFAULT_KDF.name === 'argon2id' ? `${DEFAULT_KDF.memoryKiB / 1024} MiB, t=${DEFAULT_KDF.iterations}, p=${DEFAULT_KDF.parallelism}` : ''} | ${KDF_RUNS} | ${median(kdfTimes).toFixed(1)} | – |

Offline path / TOTP baseline: ${ratio.toFixed(1)}×. Budget: ≤ 50 ms without the KDF.`);
