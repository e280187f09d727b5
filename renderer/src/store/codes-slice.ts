import type { StateCreator } from 'zustand';
import type { CodeView } from '../../../shared/ipc/schemas';
import type { Store } from './index';

/** The codes currently shown (computed in main) and when to fetch the next batch. */
export interface CodesSlice {
  /** TOTP codes by account id; fetched for the rows in view, merged in as batches. */
  totp: Record<string, CodeView>;
  /** HOTP codes the user asked for, by account id. */
  hotp: Record<string, CodeView>;
  /** Earliest validUntil of the shown TOTP codes (ms); the ticker refetches at this instant. */
  nextRefreshAt: number;
  /** Merges freshly fetched codes; the next refresh is due when the earliest of them (or of the still valid ones) expires. */
  mergeTotpCodes: (codes: CodeView[], now: number) => void;
  setHotpCode: (code: CodeView) => void;
  clearCodes: () => void;
}

/** Creates the codes slice. Unchanged codes keep their object identity so their rows don't re-render. */
export const createCodesSlice: StateCreator<Store, [], [], CodesSlice> = (set) => ({
  totp: {},
  hotp: {},
  nextRefreshAt: 0,
  mergeTotpCodes: (codes, now) =>
    set((s) => {
      const totp: Record<string, CodeView> = { ...s.totp };
      let next = s.nextRefreshAt > now ? s.nextRefreshAt : Infinity;
      for (const c of codes) {
        const old = s.totp[c.id];
        totp[c.id] = old && old.code === c.code && old.validUntil === c.validUntil ? old : c;
        if (c.validUntil < next) next = c.validUntil;
      }
      // Never spin: if main's window already ended (clock skew), try again in a second.
      return { totp, nextRefreshAt: Number.isFinite(next) && next > now ? next : now + 1000 };
    }),
  setHotpCode: (code) => set((s) => ({ hotp: { ...s.hotp, [code.id]: code } })),
  clearCodes: () => set({ totp: {}, hotp: {}, nextRefreshAt: 0 }),
});
