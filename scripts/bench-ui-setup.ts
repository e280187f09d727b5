/** What scripts/bench-ui.ts and scripts/profile-ui.ts share: the seeded vault and the Chromium flags. */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeBase32 } from '../shared/otp/base32';

/** Bench accounts use a 15 s period so every 16 s sampling window holds exactly one refresh boundary. */
export const PERIOD_S = 15;

/** Writes `count` random TOTP otpauth:// lines (period PERIOD_S) to `<dir>/seed.txt` for a plain-text import. */
export async function seedFile(dir: string, count: number): Promise<string> {
  const issuers = [
    'Servicekonto',
    'ELSTER',
    'GitHub',
    'Nextcloud',
    'Mailbox',
    'Bank',
    'Cloud',
    'VPN',
  ];
  const lines = Array.from({ length: count }, (_, i) => {
    const issuer = `${issuers[i % issuers.length]} ${Math.floor(i / issuers.length) + 1}`;
    return `otpauth://totp/${encodeURIComponent(issuer)}:user${i}%40example.org?secret=${encodeBase32(randomBytes(20))}&issuer=${encodeURIComponent(issuer)}&period=${PERIOD_S}`;
  });
  const file = join(dir, 'seed.txt');
  await writeFile(file, lines.join('\n') + '\n');
  return file;
}
