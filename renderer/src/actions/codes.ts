import i18next from 'i18next';
import { codesCopy, codesCurrent, codesHotpNext } from '../api/codes';
import { useStore } from '../store';
import { nextRefreshAt } from '../store/codes-slice';
import { onTick } from '../ticker';
import { notify, notifyError } from './notify';

let inflight = false;
/** Ids of the rows the list has mounted (null until it rendered once). */
let windowIds: string[] | null = null;

function totpIds(ids: readonly string[]): string[] {
  const { byId } = useStore.getState();
  return ids.filter((id) => byId[id]?.type === 'totp');
}

/** The TOTP rows in view (before the first render: the first 40); also what the next-code preview looks at. */
export function shownIds(): string[] {
  return totpIds(windowIds ?? useStore.getState().order.slice(0, 40));
}

/** Of `ids`, those without a code that is still valid at `now` (missing or its period ended). */
function dueIds(ids: readonly string[], now: number): string[] {
  const { totp } = useStore.getState();
  return ids.filter((id) => (totp[id]?.validUntil ?? 0) <= now);
}

/**
 * The list tells which rows it mounted; codes missing or expired among them are fetched at once.
 * So a refresh moves codes for the few dozen visible rows, not the whole vault.
 */
export function setCodeWindow(ids: string[]): void {
  windowIds = ids;
  const missing = dueIds(totpIds(ids), Date.now());
  if (missing.length === 0) {
    // Rows that came into view with still valid codes may expire before the ones shown so far.
    rescheduleRefresh();
    return;
  }
  codesCurrent(missing)
    .then((codes) => useStore.getState().mergeTotpCodes(codes, Date.now(), shownIds()))
    .catch(notifyError);
}

/** Sets the next refresh to when the earliest shown code expires (no store write if unchanged). */
function rescheduleRefresh(): void {
  const s = useStore.getState();
  const next = nextRefreshAt(s.totp, shownIds(), Date.now());
  if (next !== s.nextRefreshAt) useStore.setState({ nextRefreshAt: next });
}

/**
 * Fetches from main (the only place that can compute them) the codes of the rows in view whose period
 * ended — not the ones still valid (a 60 s code is not refetched at a 30 s boundary). Main answers
 * with the current window only, so nothing ahead of its window ever reaches the renderer.
 */
export async function refreshCodes(): Promise<void> {
  if (inflight) return;
  const shown = shownIds();
  const ids = dueIds(shown, Date.now());
  if (ids.length === 0) {
    rescheduleRefresh();
    return;
  }
  inflight = true;
  try {
    const codes = await codesCurrent(ids);
    useStore.getState().mergeTotpCodes(codes, Date.now(), shownIds());
  } catch (e) {
    notifyError(e);
    // Back off one period-ish instead of hammering main.
    useStore.setState({ nextRefreshAt: Date.now() + 5000 });
  } finally {
    inflight = false;
  }
}

/** Refetches codes whenever the earliest shown code expires; returns a stop function. */
export function startCodeRefresh(): () => void {
  return onTick((now) => {
    const s = useStore.getState();
    if (s.status?.state === 'ready' && s.order.length > 0 && now >= s.nextRefreshAt)
      void refreshCodes();
  });
}

/** HOTP "next code": main persists the counter first, then returns the code. */
export async function nextHotpCode(id: string): Promise<void> {
  try {
    const code = await codesHotpNext(id);
    useStore.getState().setHotpCode(code);
    const account = useStore.getState().byId[id];
    if (account) useStore.getState().upsertAccount({ ...account, counter: account.counter + 1 });
  } catch (e) {
    notifyError(e);
  }
}

/** Copies in main and says when the clipboard will be cleared. */
export async function copyCode(id: string): Promise<void> {
  try {
    const { clearsAt } = await codesCopy(id);
    if (clearsAt === null) notify(i18next.t('toast.copied'));
    else
      notify(
        i18next.t('toast.copiedClears', {
          seconds: Math.max(1, Math.round((clearsAt - Date.now()) / 1000)),
        }),
      );
  } catch (e) {
    notifyError(e);
  }
}
