import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract';

/** The handler type of one area: one async function per channel whose name matches `Prefix`. */
export type HandlersOf<C extends Channel> = {
  readonly [K in C]: (request: RequestOf<K>) => Promise<ResponseOf<K>>;
};
