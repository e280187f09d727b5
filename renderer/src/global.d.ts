import type { FaktorApi } from '../../shared/ipc/contract';

declare global {
  interface Window {
    /** The one bridge to main, exposed by the preload (or by the test harness's twin). */
    readonly faktor: FaktorApi;
  }
}

export {};
