/**
 * The audit log of security events (ASVS 5.0 V16). Callers pass only non-secret details; the
 * repository additionally drops any detail key that looks like a secret, as a second fence.
 */
import type { Db } from './db';
import type { DomainEventType } from '../domain/model';

/** The events the server records. */
export type AuditEvent =
  | DomainEventType
  | 'account.created'
  | 'account.deletion-scheduled'
  | 'account.deleted'
  | 'login.ok'
  | 'login.fail'
  | 'login.throttled'
  | 'stepup.ok'
  | 'stepup.fail'
  | 'logout'
  | 'means.registered'
  | 'means.confirmed'
  | 'means.blocked'
  | 'means.unblocked'
  | 'means.removed'
  | 'attribute.verified'
  | 'verification.sent'
  | 'verification.fail'
  | 'identify'
  | 'block-password.fail'
  | 'block-password.throttled'
  | 'desktop-app.pairing-shown'
  | 'desktop-app.enroll-refused'
  | 'desktop-app.login-shown'
  | 'desktop-app.push-sent';

/** One stored audit row as the overview/test reads it. */
export interface AuditRow {
  id: number;
  at: number;
  event: AuditEvent;
  accountId: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

const SECRETISH = /pass|code|secret|token|otp|cookie|assertion|signature|seed/i;

/** Persists and lists audit events. */
export class AuditRepo {
  private readonly insert;
  private readonly byAccount;
  private readonly all;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO audit_events (at, event, account_id, ip, detail) VALUES (?, ?, ?, ?, ?)',
    );
    this.byAccount = db.prepare('SELECT * FROM audit_events WHERE account_id = ? ORDER BY id');
    this.all = db.prepare('SELECT * FROM audit_events ORDER BY id DESC LIMIT ?');
  }

  /** Appends one event; detail keys that smell like secrets are dropped. */
  record(
    at: number,
    event: AuditEvent,
    accountId: string | null,
    ip: string | null,
    detail: Record<string, unknown> = {},
  ): void {
    const clean = Object.fromEntries(Object.entries(detail).filter(([k]) => !SECRETISH.test(k)));
    this.insert.run(at, event, accountId, ip, JSON.stringify(clean));
  }

  /** Events of one account, oldest first. */
  forAccount(accountId: string): AuditRow[] {
    return (this.byAccount.all(accountId) as RawAudit[]).map(toRow);
  }

  /** The newest `limit` events of all accounts. */
  latest(limit = 100): AuditRow[] {
    return (this.all.all(limit) as RawAudit[]).map(toRow);
  }
}

interface RawAudit {
  id: number;
  at: number;
  event: AuditEvent;
  account_id: string | null;
  ip: string | null;
  detail: string;
}

function toRow(r: RawAudit): AuditRow {
  return {
    id: r.id,
    at: r.at,
    event: r.event,
    accountId: r.account_id,
    ip: r.ip,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  };
}
