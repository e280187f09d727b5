/**
 * The SMS and e-mail outbox. In test mode it is the delivery channel itself (readable over
 * GET /test/outbox/*); a real deployment would hand these rows to a gateway instead.
 */
import { createHash } from 'node:crypto';
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

  /**
   * `keepPlain` (test mode only) stores codes and links as sent, for the test outbox pages; otherwise
   * every secret passed to send() is stored as a hash (issue #7 item 15): the row keeps who got what
   * kind of message when, never a usable code or link.
   */
  constructor(
    db: Db,
    private readonly keepPlain = false,
  ) {
    this.insert = db.prepare(
      'INSERT INTO outbox (channel, recipient, subject, body, at, account_id, session_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.list = db.prepare(
      'SELECT id, channel, recipient, subject, body, at FROM outbox WHERE channel = ? ORDER BY id DESC LIMIT ?',
    );
    this.byAccount = db.prepare(
      'SELECT at FROM outbox WHERE account_id = ? AND channel = ? AND at > ? ORDER BY at',
    );
    this.bySession = db.prepare(
      'SELECT at FROM outbox WHERE session_id = ? AND channel = ? AND at > ? ORDER BY at',
    );
  }

  /** Queues a message for an account (the row goes when the account is erased); `secrets` (codes, links) are hashed unless keepPlain. */
  send(
    channel: OutboxChannel,
    recipient: string,
    subject: string,
    body: string,
    at: number,
    owner: OutboxOwner,
    secrets: readonly string[] = [],
  ): void {
    let stored = body;
    if (!this.keepPlain) {
      // Longest first, so a link is replaced as a whole before the code inside it.
      for (const s of [...secrets].sort((a, b) => b.length - a.length))
        stored = stored
          .split(s)
          .join(`[sha256:${createHash('sha256').update(s).digest('hex').slice(0, 16)}]`);
    }
    this.insert.run(channel, recipient, subject, stored, at, owner.accountId, owner.sessionId);
  }

  /** Newest first. */
  messages(channel: OutboxChannel, limit = 50): OutboxMessage[] {
    return this.list.all(channel, limit) as OutboxMessage[];
  }

  /** Send times (oldest first) after `since` for an account or a session, for rate limits. */
  sentAfter(
    channel: OutboxChannel,
    by: { accountId: string } | { sessionId: string },
    since: number,
  ): number[] {
    const rows =
      'accountId' in by
        ? this.byAccount.all(by.accountId, channel, since)
        : this.bySession.all(by.sessionId, channel, since);
    return (rows as { at: number }[]).map((r) => r.at);
  }
}
