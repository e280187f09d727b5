/**
 * In-process state of online approvals (issue #9): pending requests (≤ 2 minutes) and the open event
 * streams per paired device, so a login reaches the right app at once. Single node only; several nodes
 * would carry it in the database with LISTEN/NOTIFY (docs/known-gaps.md).
 */
import { randomInt } from 'node:crypto';
import type { ApprovalPurpose } from '../../shared/servicekonto/approval';
import type { MeansLevel } from '../../shared/levels';

/** One pending (or settled) request. */
export interface Approval {
  tx: string;
  accountId: string;
  accountName: string;
  /** Desktop-app means the request went to. */
  meansIds: string[];
  challenge: string;
  /** The number the browser shows. */
  number: number;
  /** The three numbers the app offers (one is `number`). */
  numbers: [number, number, number];
  purpose: ApprovalPurpose;
  service: string;
  level: MeansLevel;
  browser: string;
  ip: string;
  /** The asking client's clientAddressKey (the per-address limit). */
  address: string;
  createdAt: number;
  expiresAt: number;
  state: 'pending' | 'approved' | 'denied';
  /** The means that approved (then the browser's status poll issues the session once). */
  approvedBy?: string;
  consumed?: boolean;
  /** An answer is being recorded (failure count or self-block): no second answer; the browser still reads pending. */
  settling?: boolean;
  /** Step-up or §4.2 confirmation: the web session the request belongs to (only it may complete it). */
  sessionId?: string;
  /** Position in the hub's event order: the long-poll's `after` cursor and the SSE `id:`. */
  seq: number;
}

/** A stream listener: gets an SSE event name, its data line and (for `approval`) the event id. */
export type StreamSend = (event: string, data: string, id?: string) => void;

/** Three distinct two-digit numbers in random order, one of them `number`. */
export function matchNumbers(number: number): [number, number, number] {
  const set = new Set([number]);
  while (set.size < 3) set.add(randomInt(10, 100));
  const list = [...set];
  for (let i = list.length - 1; i > 0; i--) {
    const j = randomInt(0, i + 1);
    [list[i], list[j]] = [list[j] as number, list[i] as number];
  }
  return list as [number, number, number];
}

/** Most requests the hub holds at once (pending plus recently settled); beyond it new ones are refused (memory bound). */
export const MAX_HELD_APPROVALS = 100_000;

/** Requests one client address may have held at once (pending or settled, ≤ 4 minutes each) unless configured. */
export const DEFAULT_PUSHES_PER_ADDRESS = 300;

/** How many requests the hub holds: in all, and per client address (clientAddressKey), so one address cannot fill it. */
export interface HubLimits {
  held: number;
  perAddress: number;
}

const addTo = <K, V>(index: Map<K, Set<V>>, key: K, value: V): void => {
  let set = index.get(key);
  if (!set) index.set(key, (set = new Set()));
  set.add(value);
};
const removeFrom = <K, V>(index: Map<K, Set<V>>, key: K, value: V): void => {
  const set = index.get(key);
  set?.delete(value);
  if (set?.size === 0) index.delete(key);
};

/**
 * Pending approvals and open streams. Requests are indexed by device and by account, and counted per
 * client address, so no request or stream costs a scan over everything held (bench:pairing).
 */
export class ApprovalHub {
  /** In creation order, which is also expiry order (one TTL): prune stops at the first live one. */
  private readonly approvals = new Map<string, Approval>();
  private readonly byMeans = new Map<string, Set<Approval>>();
  private readonly byAccount = new Map<string, Set<Approval>>();
  private readonly perAddress = new Map<string, number>();
  private readonly streams = new Map<string, Set<StreamSend>>();
  private lastSeq = 0;

  constructor(private readonly limits: HubLimits = { held: MAX_HELD_APPROVALS, perAddress: MAX_HELD_APPROVALS }) {}

  /** The next event sequence number (stored in the Approval before `open`). */
  nextSeq(): number {
    return ++this.lastSeq;
  }

  /** True when a request from `address` (a clientAddressKey) fits under both limits. */
  admits(address: string): boolean {
    return this.approvals.size < this.limits.held && (this.perAddress.get(address) ?? 0) < this.limits.perAddress;
  }

  /** Stores a request and pushes `event`/`data` to every stream of its devices. */
  open(a: Approval, data: (meansId: string) => string): void {
    this.approvals.set(a.tx, a);
    addTo(this.byAccount, a.accountId, a);
    for (const m of a.meansIds) addTo(this.byMeans, m, a);
    this.perAddress.set(a.address, (this.perAddress.get(a.address) ?? 0) + 1);
    for (const m of a.meansIds) this.publish(m, 'approval', data(m), String(a.seq));
  }

  /** A request by transaction id. */
  get(tx: string): Approval | undefined {
    return this.approvals.get(tx);
  }

  /** Pending, unexpired requests addressed to a device, oldest first. */
  pendingFor(meansId: string, now: number): Approval[] {
    return [...(this.byMeans.get(meansId) ?? [])].filter((a) => a.state === 'pending' && now < a.expiresAt);
  }

  /** Requests of an account created since `since` that nobody answered (rate limit against push bombing). */
  unansweredSince(accountId: string, since: number): number {
    let n = 0;
    for (const a of this.byAccount.get(accountId) ?? []) if (a.createdAt >= since && a.state === 'pending') n++;
    return n;
  }

  /** Registers a stream of a device; returns its unsubscribe function. */
  subscribe(meansId: string, send: StreamSend): () => void {
    addTo(this.streams, meansId, send);
    return () => removeFrom(this.streams, meansId, send);
  }

  /** Sends one event to every open stream of a device. */
  publish(meansId: string, event: string, data: string, id?: string): void {
    for (const send of this.streams.get(meansId) ?? []) send(event, data, id);
  }

  /** Number of open streams (benchmark and tests). */
  streamCount(): number {
    let n = 0;
    for (const s of this.streams.values()) n += s.size;
    return n;
  }

  /** Forgets requests that expired more than `graceMs` ago (oldest first; stops at the first one still kept). */
  prune(now: number, graceMs: number): void {
    for (const [tx, a] of this.approvals) {
      if (a.expiresAt + graceMs >= now) break;
      this.approvals.delete(tx);
      removeFrom(this.byAccount, a.accountId, a);
      for (const m of a.meansIds) removeFrom(this.byMeans, m, a);
      const left = (this.perAddress.get(a.address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(a.address, left);
      else this.perAddress.delete(a.address);
    }
  }
}
