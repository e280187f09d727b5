/**
 * One shared ticker for the whole list. Each second it (1) writes the remaining seconds into the
 * countdown elements that changed and scales their bars — plain DOM writes, no React render, no
 * running CSS animation — and (2) tells subscribers (the code refresher). Only the rows in the list's
 * window are mounted, so this touches a few dozen elements however large the vault is.
 */

interface Entry {
  until: number;
  shown: number;
  /** Optional bar element scaled to the fraction left (one style write per second, no animation). */
  bar: HTMLElement | null;
  periodMs: number;
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
      paintBar(entry, now);
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

function paintBar(entry: Entry, now: number): void {
  if (!entry.bar) return;
  const fraction = Math.min(1, Math.max(0, (entry.until - now) / entry.periodMs));
  entry.bar.style.transform = `scaleX(${fraction.toFixed(3)})`;
}

/**
 * Keeps `el` showing the seconds until `until` (and `bar` scaled to the fraction of `periodMs` left);
 * call again with a new `until` after a refresh.
 */
export function trackCountdown(el: HTMLElement, until: number, bar: HTMLElement | null = null, periodMs = 30_000): void {
  const now = Date.now();
  const shown = secondsLeft(until, now);
  const entry: Entry = countdowns.get(el) ?? { until, shown: -1, bar, periodMs };
  entry.until = until;
  entry.bar = bar;
  entry.periodMs = periodMs;
  countdowns.set(el, entry);
  if (entry.shown !== shown) {
    entry.shown = shown;
    el.textContent = String(shown);
  }
  paintBar(entry, now);
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
