import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addPart,
  completeTokens,
  emptyCollection,
  progress,
  removeBatch,
  type MigrationPartRef,
} from '../../../shared/qr/migration-collector';

const part = (batchIndex: number, over: Partial<MigrationPartRef> = {}): MigrationPartRef => ({
  token: `tok-${batchIndex}-aaaaaaaaaaaa`,
  batchId: 42,
  batchIndex,
  batchSize: 3,
  accountCount: 2,
  ...over,
});

describe('migration collector', () => {
  it('reports "n of m" and completes when every index is present, in any order', () => {
    let c = emptyCollection;
    c = addPart(c, part(2)).collection;
    expect(progress(c, 42)).toMatchObject({ have: 1, total: 3, missing: [0, 1], complete: false });
    expect(completeTokens(c, 42)).toBeNull();
    c = addPart(c, part(0)).collection;
    expect(progress(c, 42)).toMatchObject({ have: 2, total: 3, complete: false });
    c = addPart(c, part(1)).collection;
    expect(progress(c, 42)).toMatchObject({
      have: 3,
      total: 3,
      missing: [],
      complete: true,
      accountCount: 6,
    });
    expect(completeTokens(c, 42)).toEqual([part(0).token, part(1).token, part(2).token]);
  });

  it('ignores a part scanned twice', () => {
    const c = addPart(emptyCollection, part(0)).collection;
    const r = addPart(c, part(0));
    expect(r.outcome).toBe('duplicate');
    expect(r.collection).toBe(c);
  });

  it('flags a different payload at the same index, or a different batch size, as a conflict', () => {
    const c = addPart(emptyCollection, part(0)).collection;
    expect(addPart(c, part(0, { token: 'other-token-xxxxxx' })).outcome).toBe('conflict');
    expect(addPart(c, part(1, { batchSize: 4 })).outcome).toBe('conflict');
    expect(addPart(emptyCollection, part(3)).outcome).toBe('conflict');
    expect(addPart(emptyCollection, part(0, { batchSize: 0 })).outcome).toBe('conflict');
  });

  it('keeps batches apart by id and can drop one', () => {
    let c = addPart(emptyCollection, part(0)).collection;
    c = addPart(c, part(0, { batchId: 7, batchSize: 1, token: 'seven-aaaaaaaaaaaa' })).collection;
    expect(progress(c, 7)?.complete).toBe(true);
    expect(progress(c, 42)?.complete).toBe(false);
    c = removeBatch(c, 7);
    expect(progress(c, 7)).toBeNull();
  });

  it('is complete exactly when all indexes were added (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.array(fc.nat(12), { maxLength: 30 }),
        (size, idx) => {
          let c = emptyCollection;
          for (const i of idx) c = addPart(c, part(i, { batchSize: size })).collection;
          const seen = new Set(idx.filter((i) => i < size));
          const p = progress(c, 42);
          if (seen.size === 0) {
            expect(p).toBeNull();
            return;
          }
          expect(p?.have).toBe(seen.size);
          expect(p?.complete).toBe(seen.size === size);
        },
      ),
    );
  });
});
