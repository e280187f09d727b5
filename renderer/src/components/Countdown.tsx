import { useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { trackCountdown, untrackCountdown } from '../ticker';

/**
 * Seconds left for a code plus a draining bar. Both are written by the shared ticker once a second
 * (no React render per second, and no CSS animation ticking every frame).
 */
export function Countdown({ validFrom, validUntil }: { validFrom: number; validUntil: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLSpanElement>(null);
  const barRef = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    trackCountdown(el, validUntil, barRef.current, Math.max(1000, validUntil - validFrom));
    return () => untrackCountdown(el);
  }, [validFrom, validUntil]);

  return (
    <span className="countdown">
      <span ref={ref} className="countdown-seconds" role="timer" aria-label={t('list.secondsLeftLabel')} />
      <span className="countdown-bar" aria-hidden="true">
        <span ref={barRef} className="countdown-fill" />
      </span>
    </span>
  );
}
