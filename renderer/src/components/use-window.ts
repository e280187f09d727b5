import { useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';

/** Height of one row plus the gap below it, in CSS px (app.css: .account height 64px, margin 8px). */
export const ROW_PITCH = 72;
/** Pitch of the two-line rows of narrow windows (app.css: .account height 104px under NARROW_QUERY). */
export const NARROW_ROW_PITCH = 112;
/** Where rows switch to two lines, so names, code and actions all stay readable (same width as app.css). */
export const NARROW_QUERY = '(max-width: 639.98px)';

/** The current row pitch; follows the window across the narrow breakpoint. */
export function useRowPitch(): number {
  const narrow = useSyncExternalStore(
    (onChange) => {
      const mq = window.matchMedia(NARROW_QUERY);
      mq.addEventListener('change', onChange);
      return () => mq.removeEventListener('change', onChange);
    },
    () => window.matchMedia(NARROW_QUERY).matches,
  );
  return narrow ? NARROW_ROW_PITCH : ROW_PITCH;
}
/** Rows kept mounted above and below the viewport: enough for Tab and smooth scrolling, few enough that the per-second and per-period DOM writes stay small (docs/benchmarks.md). */
const OVERSCAN = 3;

/**
 * Windowed rendering for the account list: only the rows in (or near) the viewport are mounted, so a
 * vault of 1,000 accounts costs the same per frame as one of 20. Rows have a fixed pitch, so the
 * window is plain arithmetic on the list's position; it follows page scroll and resize. Focus moving
 * to an overscan row scrolls it into view, which extends the window, so Tab still walks every row.
 */
export function useRowWindow(count: number, pitch: number) {
  const ref = useRef<HTMLUListElement>(null);
  const [range, setRange] = useState(() => ({ start: 0, end: Math.min(count, 24) }));
  useLayoutEffect(() => {
    const update = () => {
      const el = ref.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top;
      const start = Math.max(0, Math.floor(-top / pitch) - OVERSCAN);
      const end = Math.min(count, Math.ceil((window.innerHeight - top) / pitch) + OVERSCAN);
      setRange((r) => (r.start === start && r.end === end ? r : { start, end }));
    };
    update();
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      window.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, [count, pitch]);
  return { ref, start: Math.min(range.start, count), end: Math.min(range.end, count) };
}
