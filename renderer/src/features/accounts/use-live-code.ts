import { useLayoutEffect, useMemo, useRef } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { CodeView } from '../../../../shared/ipc/schemas';
import { useStore, type Store } from '../../store';
import { setText, trackCountdown, untrackCountdown } from '../../ticker';
import { groupDigits } from './group-digits';

/** The copy button's label for any code, from one translation lookup per name and language. */
function copyLabelFor(t: TFunction, name: string): (code: string) => string {
  const marker = '\u0000';
  const [before = '', after = ''] = t('list.copyLabel', { code: marker, name }).split(marker);
  return (code) => before + code + after;
}

/**
 * The live part of a shown code cell: while `shown`, a store subscription writes each new code straight
 * into the code button (text, aria-label, data-code), drives the countdown, and shows the next window's
 * code as a preview near the period's end — DOM writes instead of a React render per row and period
 * (zustand's "transient updates"). Returns the refs the cell attaches to those elements.
 */
export function useLiveCode({
  shown,
  id,
  type,
  name,
}: {
  shown: boolean;
  id: string;
  type: 'totp' | 'hotp';
  name: string;
}) {
  const { t } = useTranslation();
  const codeRef = useRef<HTMLButtonElement>(null);
  const digitsRef = useRef<HTMLSpanElement>(null);
  const secondsRef = useRef<HTMLSpanElement>(null);
  const barRef = useRef<HTMLSpanElement>(null);
  const previewRef = useRef<HTMLSpanElement>(null);
  // Static per language and name: not looked up again for every new code.
  const copyLabel = useMemo(() => copyLabelFor(t, name), [t, name]);

  useLayoutEffect(() => {
    if (!shown) return;
    const select = (s: Store): CodeView | undefined => (type === 'hotp' ? s.hotp[id] : s.totp[id]);
    let current: CodeView | undefined;
    const show = (code: CodeView | undefined): void => {
      const button = codeRef.current;
      const text = digitsRef.current;
      // Unchanged codes keep their identity in the store (codes-slice), so this is one comparison.
      if (!code || code === current || !button || !text) return;
      if (current?.code !== code.code) {
        button.dataset.code = code.code;
        // The name contains the digits exactly as shown (grouped), so speech input and axe's
        // label-content-name-mismatch agree with what is on screen.
        button.setAttribute('aria-label', copyLabel(groupDigits(code.code)));
        setText(text, groupDigits(code.code));
      }
      current = code;
      const seconds = secondsRef.current;
      if (type === 'totp' && seconds)
        trackCountdown(
          seconds,
          code.validUntil,
          barRef.current,
          Math.max(1000, code.validUntil - code.validFrom),
        );
    };
    let upcoming: CodeView | undefined;
    // The next window's code, only while it belongs to the code shown (main gives it near the period's end).
    const preview = (next: CodeView | undefined): void => {
      const el = previewRef.current;
      const due = next !== undefined && next.validFrom === current?.validUntil ? next : undefined;
      if (!el || due === upcoming) return;
      upcoming = due;
      setText(el, due ? `→ ${groupDigits(due.code)}` : '');
      if (due)
        el.setAttribute('aria-label', t('list.nextPreview', { name, code: groupDigits(due.code) }));
      else el.removeAttribute('aria-label');
      el.classList.toggle('on', due !== undefined);
    };
    const update = (s: Store): void => {
      show(select(s));
      if (type === 'totp') preview(s.upcoming[id]);
    };
    update(useStore.getState());
    const unsubscribe = useStore.subscribe(update);
    const seconds = secondsRef.current;
    return () => {
      unsubscribe();
      if (seconds) untrackCountdown(seconds);
    };
  }, [shown, id, type, copyLabel, t, name]);
  return { codeRef, digitsRef, secondsRef, barRef, previewRef };
}
