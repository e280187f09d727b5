import type { AccountView, Settings } from '../../../shared/ipc/schemas';
import { arrangeIds } from '../features/organise/arrange';
import type { Store } from './index';

/** Display name of an account: "Issuer (label)" or just the label. */
export function displayName(a: Pick<AccountView, 'issuer' | 'label'>): string {
  return a.issuer ? `${a.issuer} (${a.label})` : a.label;
}

type Inputs = Pick<Store, 'order' | 'byId' | 'query' | 'tagFilter'> & {
  sort: Settings['sortOrder'];
  language: string;
};
let memo: { inputs: Inputs; result: string[] } | null = null;

/** The sort order in force (the setting; manual until settings arrived). */
export function selectSort(s: Store): Settings['sortOrder'] {
  return s.settings?.sortOrder ?? 'manual';
}

/** True when the manual order is what the list shows, so moving an account means something. */
export function selectCanReorder(s: Store): boolean {
  return s.query.trim() === '' && selectSort(s) === 'manual';
}

/** Ids shown, in display order (search, group filter, pinned first, sort; features/organise/arrange.ts), memoised on its inputs. */
export function selectVisibleIds(s: Store): string[] {
  const inputs: Inputs = {
    order: s.order,
    byId: s.byId,
    query: s.query,
    tagFilter: s.tagFilter,
    sort: selectSort(s),
    language: s.language,
  };
  const same =
    memo !== null &&
    (Object.keys(inputs) as Array<keyof Inputs>).every((k) => memo!.inputs[k] === inputs[k]);
  if (same) return memo!.result;
  const result = arrangeIds(s.order, s.byId, {
    query: s.query,
    tag: s.tagFilter,
    sort: inputs.sort,
    locale: s.language,
  });
  memo = { inputs, result };
  return result;
}
