import { randomUUID } from 'node:crypto';
import { encodeBase32 } from '../../../../shared/otp/base32';
import type { VaultAccount } from '../vault-account';

/**
 * Aegis-compatible plain vault (beemdevelopment/Aegis docs/vault.md, "plain text vault"): header
 * slots/params null, `db` content version 1 with one entry per account — exactly the documented
 * fields (type, uuid v4, name, issuer, icon, info{secret (Base32, no padding), algo, digits,
 * period|counter}). Version 1 is the oldest content version, which every Aegis release migrates and
 * GNOME Authenticator (≤ 2) reads. Color and icon are not carried: Aegis icons are JPEG data.
 */
export function encodeAegisPlain(accounts: readonly VaultAccount[]): string {
  const entries = accounts.map((a) => ({
    type: a.type,
    uuid: randomUUID(),
    name: a.label,
    issuer: a.issuer,
    icon: null,
    info:
      a.type === 'totp'
        ? { secret: encodeBase32(a.secret), algo: a.algorithm, digits: a.digits, period: a.period }
        : {
            secret: encodeBase32(a.secret),
            algo: a.algorithm,
            digits: a.digits,
            counter: a.counter,
          },
  }));
  return `${JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { version: 1, entries } }, null, 4)}\n`;
}
