/**
 * account-rows.ts: the row mapping is symmetric — a means written as upsert parameters reads back as
 * the same means, with its account and list position beside it.
 */
import { expect, it } from 'vitest';
import { meansFromRow, meansRowParams } from '../../../server/store/account-rows';
import type { Means } from '../../../server/domain/model';

it('reads a means back from the row its upsert writes', () => {
  const means: Means = {
    id: 'm-1',
    kind: 'password+totp',
    level: 'substanziell',
    status: 'blocked',
    failedAttempts: 3,
    lastUsedAt: 5_000,
    createdAt: 1_000,
    pendingSessionId: null,
    blockedAt: 6_000,
    blockedReason: 'failed-attempts',
    removedAt: null,
    label: 'Phone',
  };
  const row = meansRowParams('acc-1', means, 2);
  expect(row).toMatchObject({ account_id: 'acc-1', position: 2 });
  expect(meansFromRow(row)).toEqual(means);
});
