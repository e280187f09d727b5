/**
 * One shared ticker for the whole list. Each second it (1) tells subscribers (the code refresher, which
 * asks main for the codes that just expired) and (2) writes the remaining seconds into the countdown
 * elements that changed and scales their bars — plain DOM writes, no React render, no running CSS
 * animation. Only the rows in the list's window are mounted, so this touches a few dozen elements however
 * large the vault is.
 *
 * A countdown whose code just expired is not flipped to "0" by the tick: its row is about to receive the
 * next code (trackCountdown with the new window), and flipping both together costs one frame instead of
 * two. If no new window arrives within EXPIRED_GRACE_MS (refresh failed or slow), it shows 0 after all.
 */

interface Entry {
  until: number;
  shown: number;
  /** Optional bar element scaled to the fraction left (one style write per second, no animation). */
  bar: HTMLElement | null;
  /** The transform last written to the bar (skip identical writes). */
  barShown: string;
  periodMs: number;
}

/** How long an expired countdown waits for its next code before it shows 0. */
export const EXPIRED_GRACE_MS = 500;

const countdowns = new Map<HTMLElement, Entry>();
/** Countdowns whose code expired at the last tick and that wait for their next code. */
const waiting = new Set<HTMLElement>();
const listeners = new Set<(now: number) => void>();
let timer: ReturnType<typeof setTimeout> | null = null;
let graceTimer: ReturnType<typeof setTimeout> | null = null;

/** Seconds left until `until` (ms), as the countdown shows them. */
export function secondsLeft(until: number, now: number): number {
  return Math.max(0, Math.ceil((until - now) / 1000));
}

function paint(el: HTMLElement, entry: Entry, now: number): void {
  const left = secondsLeft(entry.until, now);
  if (left === entry.shown) return;
  entry.shown = left;
  setText(el, String(left));
  paintBar(entry, now);
}

/** Replaces an element's text in place (no node removal/insertion, so no style invalidation beyond the text). */
export function setText(el: HTMLElement, text: string): void {
  const node = el.firstChild;
  if (node !== null && node === el.lastChild && node.nodeType === Node.TEXT_NODE)
    (node as Text).data = text;
  else el.textContent = text;
}

function tick(): void {
  const now = Date.now();
  for (const listener of listeners) listener(now);
  for (const [el, entry] of countdowns) {
    // Just expired: hold the last second until the row's next code (and window) arrives.
    if (entry.until <= now && now - entry.until < EXPIRED_GRACE_MS && entry.shown !== 0) {
      waiting.add(el);
      continue;
    }
    paint(el, entry, now);
  }
  if (waiting.size > 0 && graceTimer === null)
    graceTimer = setTimeout(flushExpired, EXPIRED_GRACE_MS);
  schedule();
}

/** Shows 0 on the countdowns whose next code did not arrive within the grace period. */
function flushExpired(): void {
  graceTimer = null;
  const now = Date.now();
  for (const el of waiting) {
    const entry = countdowns.get(el);
    if (entry) paint(el, entry, now);
  }
  waiting.clear();
}

/** `el` got its next window (or went away): it no longer waits; the grace timer stops when none does. */
function stopWaiting(el: HTMLElement): void {
  if (!waiting.delete(el) || waiting.size > 0 || graceTimer === null) return;
  clearTimeout(graceTimer);
  graceTimer = null;
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
  const transform = `scaleX(${fraction.toFixed(3)})`;
  if (transform === entry.barShown) return;
  entry.barShown = transform;
  entry.bar.style.transform = transform;
}

/**
 * Keeps `el` showing the seconds until `until` (and `bar` scaled to the fraction of `periodMs` left);
 * call again with a new `until` after a refresh.
 */
export function trackCountdown(
  el: HTMLElement,
  until: number,
  bar: HTMLElement | null = null,
  periodMs = 30_000,
): void {
  const now = Date.now();
  const shown = secondsLeft(until, now);
  const entry: Entry = countdowns.get(el) ?? { until, shown: -1, bar, barShown: '', periodMs };
  if (entry.bar !== bar) entry.barShown = '';
  entry.until = until;
  entry.bar = bar;
  entry.periodMs = periodMs;
  countdowns.set(el, entry);
  if (until > now) stopWaiting(el);
  if (entry.shown !== shown) {
    entry.shown = shown;
    setText(el, String(shown));
  }
  paintBar(entry, now);
  ensureRunning();
}

/** Stops updating `el` (row unmounted). */
export function untrackCountdown(el: HTMLElement): void {
  countdowns.delete(el);
  stopWaiting(el);
}

/** Runs `listener(now)` once per second; returns the unsubscribe function. */
export function onTick(listener: (now: number) => void): () => void {
  listeners.add(listener);
  ensureRunning();
  return () => listeners.delete(listener);
}
