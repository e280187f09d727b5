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

/** Appends and lists outbox messages. */
export class OutboxRepo {
  private readonly insert;
  private readonly list;

  constructor(db: Db) {
    this.insert = db.prepare('INSERT INTO outbox (channel, recipient, subject, body, at) VALUES (?, ?, ?, ?, ?)');
    this.list = db.prepare('SELECT * FROM outbox WHERE channel = ? ORDER BY id DESC LIMIT ?');
  }

  /** Queues a message. */
  send(channel: OutboxChannel, recipient: string, subject: string, body: string, at: number): void {
    this.insert.run(channel, recipient, subject, body, at);
  }

  /** Newest first. */
  messages(channel: OutboxChannel, limit = 50): OutboxMessage[] {
    return this.list.all(channel, limit) as OutboxMessage[];
  }
}
