// Runs the independent Debian peers (oathtool, pyotp, yubikit, protoc) for differential tests.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Debian's Python: python3-pyotp and yubikey-manager are importable only from this interpreter. */
export const SYSTEM_PYTHON = '/usr/bin/python3';
/** test/fixtures/otp, where the peer script and the migration .proto live. */
export const FIXTURES = fileURLToPath(new URL('../../fixtures/otp/', import.meta.url));

/** What one peer made of a URI: its fields (secret as hex) or the exception type it raised. */
export type PeerResult =
  | { readonly error: string }
  | {
      readonly type: 'totp' | 'hotp';
      readonly secret: string;
      readonly algorithm: string;
      readonly digits: number;
      readonly period: number | null;
      readonly counter: number | null;
      readonly issuer: string;
      readonly label: string;
    };

/** Parses every URI with pyotp.parse_uri and yubikit CredentialData.parse_uri in one Python run. */
export function peerParse(uris: readonly string[]): { pyotp: PeerResult; yubikit: PeerResult }[] {
  const out = execFileSync(SYSTEM_PYTHON, [`${FIXTURES}peer-parse.py`], {
    input: JSON.stringify(uris),
    encoding: 'utf8',
  });
  return JSON.parse(out) as { pyotp: PeerResult; yubikit: PeerResult }[];
}

/** Runs Debian's oathtool and returns its code (it prints one line). */
export function oathtool(args: readonly string[]): string {
  return execFileSync('oathtool', args, { encoding: 'utf8' }).trim();
}

/** Runs a Python snippet under Debian's interpreter with JSON in and JSON out. */
export function python<T>(script: string, input: unknown): T {
  const out = execFileSync(SYSTEM_PYTHON, ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
  });
  return JSON.parse(out) as T;
}

/** Hex of a byte array, to compare secrets with the peers' output. */
export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
