import fc from 'fast-check';
import { p256 } from '@noble/curves/nist.js';
import { describe, expect, it } from 'vitest';
import '../../support/fast-check-seed';
import {
  approvalSignedText,
  formatApprovalRequest,
  parseApprovalAnswer,
  parseApprovalRequest,
  signApproval,
  verifyApproval,
  type ApprovalRequest,
} from '../../../shared/servicekonto/approval';
import { publicKeyOf } from '../../../shared/servicekonto/p256';
import { junk } from './arbitraries';
import { codeOf } from './support';

const secret = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const pub = publicKeyOf(secret);
const signed = {
  transaction: 'p0Vt7cW1m2Qx9KzL4sYb8A',
  challenge: 'Zm9vYmFyYmF6cXV4cXV1eFpt9vYmFyYmF6cXV4cXV1e',
  number: 47,
  decision: 'approve' as const,
};
const request: Omit<ApprovalRequest, 'v'> = {
  origin: 'https://konto.example',
  account: 'acc',
  accountName: 'erika',
  means: 'm-1',
  tx: signed.transaction,
  challenge: signed.challenge,
  numbers: [12, 47, 83],
  purpose: 'login',
  service: 'Servicekonto',
  level: 'substanziell',
  browser: 'Chromium on Linux',
  ip: '127.0.0.1',
  created: 1_800_000_000,
  exp: 1_800_000_120,
};

describe('approval signature', () => {
  it('signs exactly {transaction, challenge, number, decision} behind a type tag', () => {
    expect(approvalSignedText(signed)).toBe(
      '{"type":"faktor-approval","v":1,"transaction":"p0Vt7cW1m2Qx9KzL4sYb8A","challenge":"Zm9vYmFyYmF6cXV4cXV1eFpt9vYmFyYmF6cXV4cXV1e","number":47,"decision":"approve"}',
    );
    const sig = signApproval(secret, signed);
    expect(verifyApproval(pub, signed, sig)).toBe(true);
    expect(verifyApproval(pub, { ...signed, number: 12 }, sig)).toBe(false);
    expect(verifyApproval(pub, { ...signed, decision: 'deny' }, sig)).toBe(false);
    expect(
      verifyApproval(publicKeyOf(Uint8Array.from({ length: 32 }, (_, i) => i + 2)), signed, sig),
    ).toBe(false);
  });

  it('a signature from any other key fails, and verify never throws (fast-check)', () => {
    fc.assert(
      fc.property(
        fc
          .uint8Array({ minLength: 32, maxLength: 32 })
          .filter((k) => p256.utils.isValidSecretKey(k)),
        fc.string({ maxLength: 100 }),
        (other, junkSig) => {
          fc.pre(other.some((b, i) => b !== secret[i]));
          expect(verifyApproval(pub, signed, signApproval(other, signed))).toBe(false);
          expect(verifyApproval(pub, signed, junkSig)).toBe(false);
          expect(verifyApproval(junkSig, signed, junkSig)).toBe(false);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('approval request and answer', () => {
  it('round-trips a request and refuses repeated numbers', () => {
    expect(parseApprovalRequest(formatApprovalRequest(request))).toEqual({ v: 1, ...request });
    expect(
      codeOf(() =>
        parseApprovalRequest(formatApprovalRequest({ ...request, numbers: [12, 12, 83] })),
      ),
    ).toBe('protocol-malformed');
    expect(
      codeOf(() =>
        parseApprovalRequest(formatApprovalRequest({ ...request, numbers: [9, 12, 83] })),
      ),
    ).toBe('protocol-malformed');
    expect(
      parseApprovalRequest(formatApprovalRequest({ ...request, browser: '', ip: '' })).browser,
    ).toBe('');
  });

  it('parses answers: approve needs 10…99, a deny carries 0', () => {
    const sig = signApproval(secret, signed);
    expect(
      parseApprovalAnswer({
        v: 1,
        tx: signed.transaction,
        number: 47,
        decision: 'approve',
        signature: sig,
      }),
    ).toMatchObject({ number: 47 });
    expect(
      parseApprovalAnswer({
        v: 1,
        tx: signed.transaction,
        number: 0,
        decision: 'deny-and-block',
        signature: sig,
      }),
    ).toMatchObject({ decision: 'deny-and-block' });
    expect(
      codeOf(() =>
        parseApprovalAnswer({
          v: 1,
          tx: signed.transaction,
          number: 0,
          decision: 'approve',
          signature: sig,
        }),
      ),
    ).toBe('protocol-malformed');
    expect(
      codeOf(() =>
        parseApprovalAnswer({
          v: 1,
          tx: signed.transaction,
          number: 47,
          decision: 'deny',
          signature: sig,
        }),
      ),
    ).toBe('protocol-malformed');
    expect(
      codeOf(() =>
        parseApprovalAnswer({
          v: 1,
          tx: signed.transaction,
          number: 47,
          decision: 'approve',
          signature: 'AAAA',
        }),
      ),
    ).toBe('protocol-malformed');
  });

  it('never throws untyped on junk (fast-check)', () => {
    fc.assert(
      fc.property(junk, (s) => {
        expect(codeOf(() => parseApprovalRequest(s))).toMatch(/^protocol-/);
        let body: unknown = s;
        try {
          body = JSON.parse(s);
        } catch {
          // not JSON: parse the text itself
        }
        expect(codeOf(() => parseApprovalAnswer(body))).toMatch(/^protocol-/);
      }),
    );
  });
});
