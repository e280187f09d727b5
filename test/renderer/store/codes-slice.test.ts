import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { CodeView } from '../../../shared/ipc/schemas';
import type { Store } from '../../../renderer/src/store';
import { createCodesSlice, nextRefreshAt } from '../../../renderer/src/store/codes-slice';

const code = (id: string, c: string, validFrom: number, validUntil: number): CodeView => ({
  id,
  code: c,
  validFrom,
  validUntil,
});

/** Only the codes slice, in a vanilla zustand store (the other slices are not needed here). */
const codesStore = () => createStore<Store>()((...a) => createCodesSlice(...a) as Store);

describe('nextRefreshAt', () => {
  it('is the earliest future expiry among the shown ids, ignoring other rows', () => {
    const totp = {
      a: code('a', '1', 0, 30_000),
      b: code('b', '2', 0, 60_000),
      c: code('c', '3', 0, 10_000),
    };
    expect(nextRefreshAt(totp, ['a', 'b'], 5_000)).toBe(30_000);
    expect(nextRefreshAt(totp, ['b'], 5_000)).toBe(60_000);
  });

  it('retries in a second when shown rows have no valid code (none yet, or main is behind)', () => {
    expect(nextRefreshAt({}, ['a'], 5_000)).toBe(6_000);
    expect(nextRefreshAt({ a: code('a', '1', 0, 4_000) }, ['a'], 5_000)).toBe(6_000);
  });

  it('is never due when no TOTP row is shown', () => {
    expect(nextRefreshAt({ a: code('a', '1', 0, 30_000) }, [], 5_000)).toBe(Infinity);
  });
});

describe('mergeTotpCodes', () => {
  it('keeps the identity of unchanged codes, so their rows are not written again', () => {
    const store = codesStore();
    store
      .getState()
      .mergeTotpCodes([code('a', '111111', 0, 60_000), code('b', '222222', 0, 30_000)], 1_000, [
        'a',
        'b',
      ]);
    const before = store.getState().totp.a;
    store
      .getState()
      .mergeTotpCodes(
        [code('a', '111111', 0, 60_000), code('b', '333333', 30_000, 60_000)],
        31_000,
        ['a', 'b'],
      );
    expect(store.getState().totp.a).toBe(before);
    expect(store.getState().totp.b!.code).toBe('333333');
  });

  it('schedules the next refresh from the rows in view and drops expired codes of rows out of view', () => {
    const store = codesStore();
    store
      .getState()
      .mergeTotpCodes(
        [code('a', '1', 0, 30_000), code('b', '2', 0, 45_000), code('far', '3', 0, 30_000)],
        1_000,
        ['a', 'b', 'far'],
      );
    expect(store.getState().nextRefreshAt).toBe(30_000);
    // At 30 s only `a` expired in view (`far` scrolled away): `a` is refetched, `far` is forgotten, b still counts.
    store.getState().mergeTotpCodes([code('a', '4', 30_000, 60_000)], 30_050, ['a', 'b']);
    expect(Object.keys(store.getState().totp).sort()).toEqual(['a', 'b']);
    expect(store.getState().nextRefreshAt).toBe(45_000);
  });
});

describe('mergeUpcoming (next-code preview)', () => {
  it('adds next-window codes, drops those whose window began, and clearCodes forgets them', () => {
    const store = codesStore();
    store
      .getState()
      .mergeUpcoming(
        [code('a', '111111', 30_000, 60_000), code('b', '222222', 60_000, 120_000)],
        25_000,
      );
    expect(Object.keys(store.getState().upcoming)).toEqual(['a', 'b']);
    store.getState().mergeUpcoming([code('c', '333333', 60_000, 90_000)], 30_000);
    expect(store.getState().upcoming).toEqual({
      b: code('b', '222222', 60_000, 120_000),
      c: code('c', '333333', 60_000, 90_000),
    });
    store.getState().clearCodes();
    expect(store.getState().upcoming).toEqual({});
  });
});
