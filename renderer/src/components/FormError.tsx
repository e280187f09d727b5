import { useCallback } from 'react';

/** Ref that scrolls an element into view once, when it appears (results and errors in a long dialog). */
export function useReveal(): (el: HTMLElement | null) => void {
  return useCallback((el: HTMLElement | null) => el?.scrollIntoView({ block: 'nearest' }), []);
}

/** A form-level error announced at once (role=alert) and scrolled into view; renders nothing without a message. */
export function FormError({ message }: { message: string | null }) {
  const reveal = useReveal();
  return message ? (
    <p className="form-error" role="alert" ref={reveal}>
      {message}
    </p>
  ) : null;
}
