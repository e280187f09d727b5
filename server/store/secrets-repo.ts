/**
 * Per-install random keys, created on first use and kept in the database (so they live and die with
 * the data directory). Today one: the HMAC key of username tags (server/app/username-tag.ts).
 */
import { randomBytes } from 'node:crypto';
import type { Db } from './db';

/** The key called `name`, creating 32 random bytes the first time. */
export function installKey(db: Db, name: string): Buffer {
  return db.transaction(() => {
    const row = db.prepare('SELECT value FROM install_secrets WHERE name = ?').get(name) as
      { value: Buffer } | undefined;
    if (row) return Buffer.from(row.value);
    const key = randomBytes(32);
    db.prepare('INSERT INTO install_secrets (name, value) VALUES (?, ?)').run(name, key);
    return key;
  })();
}
