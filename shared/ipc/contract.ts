import { z } from 'zod';
import { VaultStatus } from './schemas';
import { DesktopAction } from './desktop-schemas';
import { ApprovalRequestView } from './servicekonto-schemas';
import { KeyProgress } from './keys-schemas';
import { accountChannels } from './account-channels';
import { appChannels } from './app-channels';
import { keysChannels } from './keys-channels';
import { qrChannels } from './qr-channels';
import { servicekontoChannels } from './servicekonto-channels';
import { transferChannels } from './transfer-channels';
import { vaultChannels } from './vault-channels';

/**
 * The one IPC contract between renderer and main: channel → request/response schemas. Main validates
 * both directions (requests from an untrusted renderer; responses so a secret can never leak), the
 * preload derives `window.faktor` from it, and the test harness binds the same table.
 * Channels are kebab-case; every call is request/response (invoke/handle). The table is composed
 * from one file per area (`*-channels.ts` next to this one).
 */
export const contract = {
  ...vaultChannels,
  ...accountChannels,
  ...appChannels,
  ...transferChannels,
  ...qrChannels,
  ...servicekontoChannels,
  ...keysChannels,
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;

/** All channel names. */
export type Channel = keyof typeof contract;
/** Request payload type of a channel. */
export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>;
/** Response payload type of a channel. */
export type ResponseOf<C extends Channel> = z.output<(typeof contract)[C]['response']>;

/** Events main pushes to the renderer (no payload carries a secret). */
export const events = {
  'vault-changed': z.strictObject({}),
  'vault-status': VaultStatus,
  /** A new online approval request arrived (the desktop notification went out too). */
  'servicekonto-request': ApprovalRequestView,
  /** A security key was plugged in or removed (the renderer lists again). */
  'keys-changed': z.strictObject({}),
  /** A key operation waits for the user: replug the key, or touch it (KEEPALIVE UPNEEDED). */
  'keys-progress': KeyProgress,
  /** Tray, global shortcut, notification click or faktor:// link: what to show (docs/desktop.md). */
  'desktop-action': DesktopAction,
} as const satisfies Record<string, z.ZodType>;
/** The one IPC channel main pushes events on: `send(EVENT_CHANNEL, name, payload)`. Not a contract channel. */
export const EVENT_CHANNEL = 'faktor:event';
/** Event names. */
export type EventName = keyof typeof events;
/** Payload of an event. */
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;

/** What an invoke resolves to on the wire: a result or a typed error code. */
export type Envelope<T> =
  | { ok: true; value: T }
  | { ok: false; error: { code: string; params?: Record<string, string | number> } };

/** kebab-case channel name → camelCase method name ('accounts-list' → 'accountsList'). */
export type MethodName<S extends string> = S extends `${infer H}-${infer T}`
  ? `${H}${Capitalize<MethodName<T>>}`
  : S;

/** Runtime twin of MethodName. */
export function methodName<C extends string>(channel: C): MethodName<C> {
  return channel.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) as MethodName<C>;
}

/**
 * The API the renderer sees as `window.faktor`: one task-specific async function per channel (no
 * generic channel passthrough), plus `on` for events. Calls resolve to an Envelope; they never throw
 * across the bridge, so typed error codes survive.
 */
export type FaktorApi = {
  readonly [C in Channel as MethodName<C>]: (
    request: RequestOf<C>,
  ) => Promise<Envelope<ResponseOf<C>>>;
} & {
  /** Subscribe to a main → renderer event; returns an unsubscribe function. */
  readonly on: <E extends EventName>(
    event: E,
    listener: (payload: EventOf<E>) => void,
  ) => () => void;
};
