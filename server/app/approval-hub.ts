/**
 * State of online approvals (issue #9): pending requests (≤ 2 minutes) and the open event streams per
 * paired device, so a login reaches the right app at once. `ApprovalHub` is the port; this file holds
 * the single-process hub (SQLite deployments: one node, memory, no fsync per request). Several nodes on
 * PostgreSQL use pg-approval-hub.ts: requests in the database, events through LISTEN/NOTIFY.
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

/** Why the hub refused a new request: too many held in all or from its address, or unanswered for its account. */
export interface OpenLimits {
  /** Unanswered requests of the account created at or after `since` must stay below `maxUnanswered`. */
  since: number;
  maxUnanswered: number;
}

/** Where online approvals live: memory (one node) or PostgreSQL (several). */
export interface ApprovalHub {
  /** The next event sequence number (stored in the Approval before `open`). */
  nextSeq(): number;
  /** Stores a request and pushes `approval` to every stream of its devices; false (nothing stored) when a limit refuses it. */
  open(a: Approval, data: (meansId: string) => string, limits: OpenLimits): boolean;
  /** A request by transaction id. */
  get(tx: string): Approval | undefined;
  /** Pending, unexpired requests addressed to a device, oldest first. */
  pendingFor(meansId: string, now: number): Approval[];
  /** Takes the one answer a pending request accepts (marks it settling); false when it has one already. */
  claimAnswer(tx: string): boolean;
  /** Records the outcome of the claimed answer. */
  settle(tx: string, state: 'approved' | 'denied', approvedBy: string | undefined): void;
  /** Uses an approved request up (the browser's poll issues the session once); false when already used. */
  consume(tx: string): boolean;
  /** Registers a stream of a device on this node; returns its unsubscribe function. */
  subscribe(meansId: string, send: StreamSend): () => void;
  /** Sends one event to every open stream of a device (on every node). */
  publish(meansId: string, event: string, data: string, id?: string): void;
  /** Number of open streams on this node (benchmark and tests). */
  streamCount(): number;
  /** Forgets requests that expired more than `graceMs` ago. */
  prune(now: number, graceMs: number): void;
  /** Drops every request of an erased account (§7: its name is in them). */
  forgetAccount(accountId: string): void;
  /** Resolves once events can flow (PostgreSQL: LISTEN is set up). */
  ready(): Promise<void>;
  /** Stops listening. */
  close(): Promise<void>;
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

/** The event streams open on this node, by device. */
export class LocalStreams {
  private readonly streams = new Map<string, Set<StreamSend>>();

  /** Registers a stream; returns its unsubscribe function. */
  subscribe(meansId: string, send: StreamSend): () => void {
    addTo(this.streams, meansId, send);
    return () => removeFrom(this.streams, meansId, send);
  }

  /** Sends one event to every stream of a device on this node. */
  publish(meansId: string, event: string, data: string, id?: string): void {
    for (const send of this.streams.get(meansId) ?? []) send(event, data, id);
  }

  /** Open streams on this node. */
  count(): number {
    let n = 0;
    for (const s of this.streams.values()) n += s.size;
    return n;
  }
}

/**
 * The single-process hub. Requests are indexed by device and by account, and counted per client
 * address, so no request or stream costs a scan over everything held (bench:pairing).
 */
export class MemoryApprovalHub implements ApprovalHub {
  /** In creation order, which is also expiry order (one TTL): prune stops at the first live one. */
  private readonly approvals = new Map<string, Approval>();
  private readonly byMeans = new Map<string, Set<Approval>>();
  private readonly byAccount = new Map<string, Set<Approval>>();
  private readonly perAddress = new Map<string, number>();
  private readonly streams = new LocalStreams();
  private lastSeq = 0;

  constructor(
    private readonly limits: HubLimits = {
      held: MAX_HELD_APPROVALS,
      perAddress: MAX_HELD_APPROVALS,
    },
  ) {}

  nextSeq(): number {
    return ++this.lastSeq;
  }

  open(a: Approval, data: (meansId: string) => string, limits: OpenLimits): boolean {
    if (
      this.approvals.size >= this.limits.held ||
      (this.perAddress.get(a.address) ?? 0) >= this.limits.perAddress
    )
      return false;
    if (this.unansweredSince(a.accountId, limits.since) >= limits.maxUnanswered) return false;
    this.approvals.set(a.tx, a);
    addTo(this.byAccount, a.accountId, a);
    for (const m of a.meansIds) addTo(this.byMeans, m, a);
    this.perAddress.set(a.address, (this.perAddress.get(a.address) ?? 0) + 1);
    for (const m of a.meansIds) this.publish(m, 'approval', data(m), String(a.seq));
    return true;
  }

  get(tx: string): Approval | undefined {
    const a = this.approvals.get(tx);
    return a && { ...a };
  }

  pendingFor(meansId: string, now: number): Approval[] {
    return [...(this.byMeans.get(meansId) ?? [])].filter(
      (a) => a.state === 'pending' && now < a.expiresAt,
    );
  }

  claimAnswer(tx: string): boolean {
    const a = this.approvals.get(tx);
    if (!a || a.state !== 'pending' || a.settling) return false;
    a.settling = true;
    return true;
  }

  settle(tx: string, state: 'approved' | 'denied', approvedBy: string | undefined): void {
    const a = this.approvals.get(tx);
    if (!a) return;
    a.state = state;
    if (approvedBy !== undefined) a.approvedBy = approvedBy;
  }

  consume(tx: string): boolean {
    const a = this.approvals.get(tx);
    if (!a || a.state !== 'approved' || a.consumed) return false;
    a.consumed = true;
    return true;
  }

  subscribe(meansId: string, send: StreamSend): () => void {
    return this.streams.subscribe(meansId, send);
  }

  publish(meansId: string, event: string, data: string, id?: string): void {
    this.streams.publish(meansId, event, data, id);
  }

  streamCount(): number {
    return this.streams.count();
  }

  prune(now: number, graceMs: number): void {
    for (const a of this.approvals.values()) {
      if (a.expiresAt + graceMs >= now) break;
      this.drop(a);
    }
  }

  forgetAccount(accountId: string): void {
    for (const a of [...(this.byAccount.get(accountId) ?? [])]) this.drop(a);
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {}

  private drop(a: Approval): void {
    this.approvals.delete(a.tx);
    removeFrom(this.byAccount, a.accountId, a);
    for (const m of a.meansIds) removeFrom(this.byMeans, m, a);
    const left = (this.perAddress.get(a.address) ?? 1) - 1;
    if (left > 0) this.perAddress.set(a.address, left);
    else this.perAddress.delete(a.address);
  }

  /** Requests of an account created since `since` that nobody answered (rate limit against push bombing). */
  private unansweredSince(accountId: string, since: number): number {
    let n = 0;
    for (const a of this.byAccount.get(accountId) ?? [])
      if (a.createdAt >= since && a.state === 'pending') n++;
    return n;
  }
}
