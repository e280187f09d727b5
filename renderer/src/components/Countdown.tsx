import type { RefObject } from 'react';

/**
 * Seconds left for a code plus a draining bar: only the elements. The code cell (AccountRow) hands
 * them to the shared ticker, which writes them once a second (no React render per second, and no CSS
 * animation ticking every frame). The label comes from the parent (one lookup per language).
 */
export function Countdown({
  secondsRef,
  barRef,
  previewRef,
  label,
  previewTitle,
}: {
  secondsRef: RefObject<HTMLSpanElement | null>;
  barRef: RefObject<HTMLSpanElement | null>;
  /** The next-code preview line (written by the code cell near the period's end; invisible until then). */
  previewRef: RefObject<HTMLSpanElement | null>;
  label: string;
  previewTitle: string;
}) {
  return (
    <span className="countdown">
      <span ref={secondsRef} className="countdown-seconds" role="timer" aria-label={label} />
      <span className="countdown-bar" aria-hidden="true">
        <span ref={barRef} className="countdown-fill" />
      </span>
      <span ref={previewRef} className="next-preview" role="note" title={previewTitle} />
    </span>
  );
}
