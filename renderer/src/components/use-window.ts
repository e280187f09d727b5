import { useLayoutEffect, useRef, useState } from 'react';

/** Height of one row plus the gap below it, in CSS px (app.css: .account height 64px, margin 8px). */
export const ROW_PITCH = 72;
/** Rows kept mounted above and below the viewport: enough for Tab and smooth scrolling, few enough that the per-second and per-period DOM writes stay small (docs/benchmarks.md). */
const OVERSCAN = 3;

/**
 * Windowed rendering for the account list: only the rows in (or near) the viewport are mounted, so a
 * vault of 1,000 accounts costs the same per frame as one of 20. Rows have a fixed pitch, so the
 * window is plain arithmetic on the list's position; it follows page scroll and resize. Focus moving
 * to an overscan row scrolls it into view, which extends the window, so Tab still walks every row.
 */
export function useRowWindow(count: number) {
  const ref = useRef<HTMLUListElement>(null);
  const [range, setRange] = useState(() => ({ start: 0, end: Math.min(count, 24) }));
  useLayoutEffect(() => {
    const update = () => {
      const el = ref.current;
      if (!el) return;
      const top = el.getBoundingClientRect().top;
      const start = Math.max(0, Math.floor(-top / ROW_PITCH) - OVERSCAN);
      const end = Math.min(count, Math.ceil((window.innerHeight - top) / ROW_PITCH) + OVERSCAN);
      setRange((r) => (r.start === start && r.end === end ? r : { start, end }));
    };
    update();
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      window.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, [count]);
  return { ref, start: Math.min(range.start, count), end: Math.min(range.end, count) };
}
