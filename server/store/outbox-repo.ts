/**
 * The SMS and e-mail outbox. In test mode it is the delivery channel itself (readable over
 * GET /test/outbox/*); a real deployment would hand these rows to a gateway instead.
 */
import type { Db } from './db';

/** The two channels. */
export type OutboxChannel = 'sms' | 'email';

/** One message. */
export interface OutboxMessage {
  id: number;
  channel: OutboxChannel;
  recipient: string;
  subject: string;
  body: string;
  at: number;
}

/** Who caused a message: its rows are erased with the account (§7) and counted for rate limits. */
export interface OutboxOwner {
  accountId: string;
  sessionId: string | null;
}

/** Appends and lists outbox messages. */
export class OutboxRepo {
  private readonly insert;
  private readonly list;
  private readonly byAccount;
  private readonly bySession;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO outbox (channel, recipient, subject, body, at, account_id, session_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
    this.list = db.prepare('SELECT id, channel, recipient, subject, body, at FROM outbox WHERE channel = ? ORDER BY id DESC LIMIT ?');
    this.byAccount = db.prepare('SELECT at FROM outbox WHERE account_id = ? AND channel = ? AND at > ? ORDER BY at');
    this.bySession = db.prepare('SELECT at FROM outbox WHERE session_id = ? AND channel = ? AND at > ? ORDER BY at');
  }

  /** Queues a message for an account (the row goes when the account is erased). */
  send(channel: OutboxChannel, recipient: string, subject: string, body: string, at: number, owner: OutboxOwner): void {
    this.insert.run(channel, recipient, subject, body, at, owner.accountId, owner.sessionId);
  }

  /** Newest first. */
  messages(channel: OutboxChannel, limit = 50): OutboxMessage[] {
    return this.list.all(channel, limit) as OutboxMessage[];
  }

  /** Send times (oldest first) after `since` for an account or a session, for rate limits. */
  sentAfter(channel: OutboxChannel, by: { accountId: string } | { sessionId: string }, since: number): number[] {
    const rows = 'accountId' in by ? this.byAccount.all(by.accountId, channel, since) : this.bySession.all(by.sessionId, channel, since);
    return (rows as { at: number }[]).map((r) => r.at);
  }
}
