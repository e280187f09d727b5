import type { EventName, EventOf } from '../../../shared/ipc/contract';
import { bridge } from './bridge';

/** Subscribes to a main → renderer event; returns the unsubscribe function. */
export function onEvent<E extends EventName>(
  event: E,
  listener: (payload: EventOf<E>) => void,
): () => void {
  return bridge().on(event, listener);
}
