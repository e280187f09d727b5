/**
 * One shared ticker for the whole list. Each second it (1) writes the remaining seconds into the
 * countdown elements that changed — plain text writes, no React render — and (2) tells subscribers
 * (the code refresher). Rows use `content-visibility: auto`, so text writes into off-screen rows
 * cost no layout or paint. This keeps per-second main-thread work tiny with 1,000 accounts.
 */

interface Entry {
  until: number;
  shown: number;
}

const countdowns = new Map<HTMLElement, Entry>();
const listeners = new Set<(now: number) => void>();
let timer: ReturnType<typeof setTimeout> | null = null;

/** Seconds left until `until` (ms), as the countdown shows them. */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}

function tick(): void {
  const now = Date.now();
  for (const [el, entry] of countdowns) {
    const left = secondsLeft(entry.until, now);
    if (left !== entry.shown) {
      entry.shown = left;
      el.textContent = String(left);
    }
  }
  for (const listener of listeners) listener(now);
  schedule();
}

function schedule(): void {
  if (countdowns.size === 0 && listeners.size === 0) {
    timer = null;
    return;
  }
  // Align to the next full second, so every countdown flips together with the codes.
  timer = setTimeout(tick, 1000 - (Date.now() % 1000));
}

function ensureRunning(): void {
  if (timer === null) schedule();
}

/** Keeps `el` showing the seconds until `until`; call again with a new `until` after a refresh. */
export function trackCountdown(el: HTMLElement, until: number): void {
  const shown = secondsLeft(until, Date.now());
  const entry = countdowns.get(el);
  if (entry) entry.until = until;
  else countdowns.set(el, { until, shown });
  if (!entry || entry.shown !== shown) {
    el.textContent = String(shown);
    countdowns.get(el)!.shown = shown;
  }
  ensureRunning();
}

/** Stops updating `el` (row unmounted). */
export function untrackCountdown(el: HTMLElement): void {
  countdowns.delete(el);
}

/** Runs `listener(now)` once per second; returns the unsubscribe function. */
export function onTick(listener: (now: number) => void): () => void {
  listeners.add(listener);
  ensureRunning();
  return () => listeners.delete(listener);
}
