import type {
  ApprovalRequestView,
  PairedAccountView,
  ServicekontoAccountView,
  ServicekontoSessionsView,
} from '../../../../shared/ipc/servicekonto-schemas';
import { bridge, unwrap } from '../../api/bridge';

/** The paired accounts (main also (re)opens their event streams). */
export const servicekontoList = (): Promise<PairedAccountView[]> =>
  unwrap(bridge().servicekontoList({}));
/** Pairs with the scanned pairing QR under the chosen PIN. */
export const servicekontoPair = (
  token: string,
  pin: string,
): Promise<PairedAccountView & { status: 'pending' }> =>
  unwrap(bridge().servicekontoPair({ token, pin }));
/** The offline login code for the scanned login QR. */
export const servicekontoOfflineCode = (token: string, pin: string): Promise<{ code: string }> =>
  unwrap(bridge().servicekontoOfflineCode({ token, pin }));
/** Online requests waiting for an answer. */
export const servicekontoRequests = (): Promise<ApprovalRequestView[]> =>
  unwrap(bridge().servicekontoRequests({}));
/** Answers one request; main signs it with the PIN-decrypted key. */
export const servicekontoAnswer = (
  tx: string,
  decision: 'approve' | 'deny' | 'deny-and-block',
  number: number,
  pin: string,
): Promise<object> => unwrap(bridge().servicekontoAnswer({ tx, decision, number, pin }));
/** The paired account as its server shows it (means, levels, attributes). */
export const servicekontoAccount = (id: string): Promise<ServicekontoAccountView> =>
  unwrap(bridge().servicekontoAccount({ id }));
/** Blocks (sperrt) one means of the paired account at the server. */
export const servicekontoBlock = (id: string, meansId: string): Promise<object> =>
  unwrap(bridge().servicekontoBlock({ id, meansId }));
/** Removes this desktop at the server and forgets the pairing here. */
export const servicekontoRemove = (id: string): Promise<object> =>
  unwrap(bridge().servicekontoRemove({ id }));
/** Forgets the pairing on this desktop only (when the server cannot be asked). */
export const servicekontoForget = (id: string): Promise<object> =>
  unwrap(bridge().servicekontoForget({ id }));
/** The paired account's browser sessions with level and Table 2 time left (active desktop only). */
export const servicekontoSessions = (id: string): Promise<ServicekontoSessionsView> =>
  unwrap(bridge().servicekontoSessions({ id }));
