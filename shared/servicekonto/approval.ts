import { MEANS_LEVELS, type MeansLevel } from '../levels';
import { MAX_SERVICE_CHARS, TRANSACTION_PATTERN } from './login-payload';
import { readAccountRef, type AccountRef } from './account-ref';
import { readSignature, signText, verifyText } from './p256';
import {
  IDENTIFIER,
  MAX_UNIX_SECONDS,
  PROTOCOL_VERSION,
  int,
  oneOf,
  protocolError,
  readMessage,
  readObject,
  str,
  text,
  type WireObject,
  writeMessage,
} from './wire';

/**
 * Online approval with number matching (docs/protocol.md §Online approval). The server pushes an
 * ApprovalRequest on the device's event stream; the browser shows one number, the app offers three.
 * The app answers with an ApprovalAnswer whose signature (approval key, PIN-decrypted) covers the
 * canonical text of {transaction, challenge, number, decision}.
 */

/** Why a request exists: a login, or the §4.2 confirmation of a just-paired (pending) means. */
export const APPROVAL_PURPOSES = ['login', 'confirm-pairing'] as const;
/** The user's answer; `deny-and-block` also blocks this means (§4.4, "this wasn't me"). */
export const APPROVAL_DECISIONS = ['approve', 'deny', 'deny-and-block'] as const;
/** Number-matching numbers are two digits, 10…99; a deny carries 0 (no number chosen). */
export const MIN_MATCH_NUMBER = 10;
/** Largest number-matching number. */
export const MAX_MATCH_NUMBER = 99;
/** Hints about the browser that asked (user agent summary, IP) are at most this long. */
export const MAX_HINT_CHARS = 120;
/** Approval challenge: 32 random bytes base64url (43 characters). */
export const APPROVAL_CHALLENGE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** Purpose of a request. */
export type ApprovalPurpose = (typeof APPROVAL_PURPOSES)[number];
/** Decision in an answer. */
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/** One pending request as the event stream delivers it (SSE event `approval`, data = JSON). */
export interface ApprovalRequest extends AccountRef {
  readonly v: typeof PROTOCOL_VERSION;
  /** The desktop-app means (device) this request is addressed to. */
  readonly means: string;
  readonly tx: string;
  readonly challenge: string;
  /** Three distinct numbers, in the order to show; exactly one equals the browser's. */
  readonly numbers: readonly [number, number, number];
  readonly purpose: ApprovalPurpose;
  readonly service: string;
  readonly level: MeansLevel;
  /** Summary of the asking browser, e.g. "Chromium on Linux" ('' if unknown). */
  readonly browser: string;
  /** The asking browser's IP address as the server saw it ('' if unknown). */
  readonly ip: string;
  readonly created: number;
  readonly exp: number;
}

/** The app's answer (POST body). */
export interface ApprovalAnswer {
  readonly v: typeof PROTOCOL_VERSION;
  readonly tx: string;
  readonly number: number;
  readonly decision: ApprovalDecision;
  readonly signature: string;
}

/** The four values the approval signature covers. */
export interface ApprovalSigned {
  readonly transaction: string;
  readonly challenge: string;
  readonly number: number;
  readonly decision: ApprovalDecision;
}

const REQUEST_KEYS = [
  'origin',
  'account',
  'accountName',
  'means',
  'tx',
  'challenge',
  'numbers',
  'purpose',
  'service',
  'level',
  'browser',
  'ip',
  'created',
  'exp',
] as const;
const ANSWER_KEYS = ['tx', 'number', 'decision', 'signature'] as const;
const HINT = /^(?:(?=\S)[^\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]*(?<=\S))?$/u;

/** The exact text the approval key signs (UTF-8; ECDSA P-256 with SHA-256). */
export function approvalSignedText(s: ApprovalSigned): string {
  return JSON.stringify({
    type: 'faktor-approval',
    v: PROTOCOL_VERSION,
    transaction: s.transaction,
    challenge: s.challenge,
    number: s.number,
    decision: s.decision,
  });
}

/** Signs an answer's values with the approval secret key; returns the wire signature. */
export function signApproval(approvalSecretKey: Uint8Array, s: ApprovalSigned): string {
  return signText(approvalSecretKey, approvalSignedText(s));
}

/** True when `signature` covers `s` under the enrolled approval key. Never throws. */
export function verifyApproval(approvalKey: string, s: ApprovalSigned, signature: string): boolean {
  return verifyText(approvalKey, approvalSignedText(s), signature);
}

/** Serialises a request for the event stream. */
export function formatApprovalRequest(r: Omit<ApprovalRequest, 'v'>): string {
  return writeMessage(r, REQUEST_KEYS);
}

/** Parses one `approval` event's data (the app checks it before showing anything). */
export function parseApprovalRequest(data: string): ApprovalRequest {
  const o = readMessage(data, REQUEST_KEYS, 'approval');
  return {
    v: PROTOCOL_VERSION,
    ...readAccountRef(o),
    means: str(o, 'means', IDENTIFIER, 64),
    tx: str(o, 'tx', TRANSACTION_PATTERN, 22),
    challenge: str(o, 'challenge', APPROVAL_CHALLENGE_PATTERN, 43),
    numbers: readNumbers(o),
    purpose: oneOf(o, 'purpose', APPROVAL_PURPOSES),
    service: text(o, 'service', MAX_SERVICE_CHARS),
    level: oneOf(o, 'level', MEANS_LEVELS),
    browser: str(o, 'browser', HINT, MAX_HINT_CHARS),
    ip: str(o, 'ip', HINT, MAX_HINT_CHARS),
    created: int(o, 'created', 0, MAX_UNIX_SECONDS),
    exp: int(o, 'exp', 0, MAX_UNIX_SECONDS),
  };
}

/** Checks an answer body (JSON-parsed by the HTTP layer): approve needs a number 10…99, deny needs 0. */
export function parseApprovalAnswer(body: unknown): ApprovalAnswer {
  const o = readObject(body, ANSWER_KEYS, 'approval-answer');
  const decision = oneOf(o, 'decision', APPROVAL_DECISIONS);
  const number = int(o, 'number', 0, MAX_MATCH_NUMBER);
  if (decision === 'approve' ? number < MIN_MATCH_NUMBER : number !== 0)
    throw protocolError('protocol-malformed', 'number');
  return {
    v: PROTOCOL_VERSION,
    tx: str(o, 'tx', TRANSACTION_PATTERN, 22),
    number,
    decision,
    signature: readSignature(o, 'signature'),
  };
}

function readNumbers(o: WireObject): readonly [number, number, number] {
  const v = o.numbers;
  if (!Array.isArray(v) || v.length !== 3) throw protocolError('protocol-malformed', 'numbers');
  const nums = v.map((_, i) =>
    int(v as unknown as WireObject, String(i), MIN_MATCH_NUMBER, MAX_MATCH_NUMBER),
  );
  if (new Set(nums).size !== 3) throw protocolError('protocol-malformed', 'numbers');
  return [nums[0] ?? 0, nums[1] ?? 0, nums[2] ?? 0];
}
