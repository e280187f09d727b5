import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { trackCountdown, untrackCountdown } from '../ticker';

/**
 * Seconds left for a code plus a draining bar. The number is written by the shared ticker (no React
 * render per second); the bar is a CSS animation started at the right phase, so it costs the main
 * thread nothing while it runs.
 */
export function Countdown({ validFrom, validUntil }: { validFrom: number; validUntil: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    trackCountdown(el, validUntil);
    return () => untrackCountdown(el);
  }, [validUntil]);

  const periodS = Math.max(1, (validUntil - validFrom) / 1000);
  const elapsedS = Math.min(periodS, Math.max(0, (Date.now() - validFrom) / 1000));
  return (
    <span className="countdown">
      <span ref={ref} className="countdown-seconds" role="timer" aria-label={t('list.secondsLeftLabel')} />
      <span className="countdown-bar" aria-hidden="true">
        <span
          key={validFrom}
          className="countdown-fill"
          style={{ animationDuration: `${periodS}s`, animationDelay: `-${elapsedS}s` }}
        />
      </span>
    </span>
  );
}
