import type { AccountView } from '../../../shared/ipc/schemas';
import type { Store } from './index';

/** Display name of an account: "Issuer (label)" or just the label. */
export function displayName(a: Pick<AccountView, 'issuer' | 'label'>): string {
  return a.issuer ? `${a.issuer} (${a.label})` : a.label;
}

let memo: { order: string[]; byId: Store['byId']; query: string; result: string[] } | null = null;

/** Ids matching the search (issuer or label, case-insensitive), memoised on its inputs. */
export function selectVisibleIds(s: Store): string[] {
  if (memo && memo.order === s.order && memo.byId === s.byId && memo.query === s.query) return memo.result;
  const q = s.query.trim().toLocaleLowerCase();
  const result = q
    ? s.order.filter((id) => {
        const a = s.byId[id];
        return a !== undefined && (a.issuer.toLocaleLowerCase().includes(q) || a.label.toLocaleLowerCase().includes(q));
      })
    : s.order;
  memo = { order: s.order, byId: s.byId, query: s.query, result };
  return result;
}
