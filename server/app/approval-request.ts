/**
 * One online-approval request as ApprovalService keeps it in the hub: building a fresh one, its wire
 * text for one device (ApprovalRequest v1) and reading a device's answer.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { RequestMeta } from './context';
import { ServiceError } from './errors';
import { matchNumbers, type Approval } from './approval-hub';
import { clientAddressKey } from './address-key';
import { DESKTOP_LOGIN_TTL_MS } from '../domain';
import {
  formatApprovalRequest,
  parseApprovalAnswer,
  type ApprovalAnswer,
  type ApprovalPurpose,
} from '../../shared/servicekonto/approval';
import type { MeansLevel } from '../../shared/levels';
import { isFaktorError } from '../../shared/errors';
import { newTransactionId } from '../means/desktop-app';

/** What a request is opened for (ApprovalService.open); `sessionId` binds it to a web session. */
export interface ApprovalRequestInput {
  account: { id: string; username: string };
  meansIds: string[];
  purpose: ApprovalPurpose;
  service: string;
  level: MeansLevel;
  sessionId?: string;
}

/**
 * A fresh pending request: a new transaction id and challenge, the number the browser shows and the
 * three the apps offer, expiring DESKTOP_LOGIN_TTL_MS after `now`; `seq` is the hub's next sequence.
 */
export function newApproval(
  r: ApprovalRequestInput,
  meta: RequestMeta & { browser: string },
  now: number,
  seq: number,
): Approval {
  const number = randomInt(10, 100);
  return {
    tx: newTransactionId(),
    accountId: r.account.id,
    accountName: r.account.username,
    meansIds: r.meansIds,
    challenge: randomBytes(32).toString('base64url'),
    number,
    numbers: matchNumbers(number),
    purpose: r.purpose,
    service: r.service,
    level: r.level,
    browser: meta.browser.slice(0, 120).trim(),
    ip: meta.ip.slice(0, 120),
    address: clientAddressKey(meta.ip),
    createdAt: now,
    expiresAt: now + DESKTOP_LOGIN_TTL_MS,
    state: 'pending',
    seq,
    ...(r.sessionId ? { sessionId: r.sessionId } : {}),
  };
}

/** The wire text of a request for one device (ApprovalRequest v1), naming the server's `origin`. */
export function approvalRequestText(a: Approval, origin: string, meansId: string): string {
  return formatApprovalRequest({
    origin,
    account: a.accountId,
    accountName: a.accountName,
    means: meansId,
    tx: a.tx,
    challenge: a.challenge,
    numbers: a.numbers,
    purpose: a.purpose,
    service: a.service,
    level: a.level,
    browser: a.browser.replace(/[\p{Cc}\p{Cf}]/gu, '').trim(),
    ip: a.ip,
    created: Math.floor(a.createdAt / 1000),
    exp: Math.floor(a.expiresAt / 1000),
  });
}

/** A device's answer, parsed strictly; anything malformed is a 'validation' error naming the protocol code. */
export function readApprovalAnswer(body: unknown): ApprovalAnswer {
  try {
    return parseApprovalAnswer(body);
  } catch (e) {
    throw new ServiceError('validation', {
      field: 'body',
      reason: isFaktorError(e) ? e.code : 'protocol-malformed',
    });
  }
}
