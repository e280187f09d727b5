/**
 * Everything the services need, built once per server: repositories, clock, policy, hasher, relying
 * party. Services are handed this object instead of importing singletons, so tests and the benchmark
 * can build as many independent servers as they like; each service's constructor names the part it
 * uses (`Pick<AppContext, …>`, e.g. `SessionDeps`), so its signature says what it depends on.
 */
import type { Db } from '../store/db';
import { AccountRepo, ConcurrentUpdateError } from '../store/account-repo';
import { CredentialCipher, type DataKey } from '../store/credential-cipher';
import { ServiceError } from './errors';
import { SessionRepo } from '../store/session-repo';
import { AuditRepo, type AuditEvent } from '../store/audit-repo';
import { ThrottleRepo } from '../store/throttle-repo';
import { OutboxRepo } from '../store/outbox-repo';
import { VerificationRepo } from '../store/verification-repo';
import { DesktopAppRepo } from '../store/desktop-app-repo';
import type { Clock } from './clock';
import { PasswordHasher, type Argon2Params } from './passwords';
import { LoginThrottle } from './throttle';
import { CreationThrottle, type CreationLimit } from './creation-throttle';
import { usernameTagger } from './username-tag';
import { installKey } from '../store/secrets-repo';
import {
  MemoryEphemeralStore,
  PgEphemeralStore,
  type EphemeralStore,
} from '../store/ephemeral-repo';
import { PgDb } from '../store/pg-db';
import type { Policy } from '../domain/policy';
import type { DomainEvent } from '../domain/model';
import type { RelyingParty } from '../means/webauthn';

/** Who is asking: the client address (for throttling and the audit log). */
export interface RequestMeta {
  ip: string;
}

/** The shared dependencies of all services. */
export class AppContext {
  readonly accounts: AccountRepo;
  readonly sessions: SessionRepo;
  readonly audit: AuditRepo;
  readonly outbox: OutboxRepo;
  readonly verifications: VerificationRepo;
  /** Desktop-app enrollment tokens and offline login transactions (issue #9). */
  readonly desktopApps: DesktopAppRepo;
  readonly throttle: LoginThrottle;
  /** Account creations per client address (issue #7 item 6). */
  readonly creation: CreationThrottle;
  readonly hasher: PasswordHasher;
  /** Device nonces, taken flash ids, open key registrations: memory with SQLite (one node), a table with PostgreSQL. */
  readonly ephemeral: EphemeralStore;
  /** Keyed tag of a typed username for the audit log and throttle keys: the name itself is never stored there. */
  readonly usernameTag: (username: string) => string;
  /** Told when an account is erased (§7), inside the erasing transaction: drop what else holds its data. */
  readonly eraseListeners: ((accountId: string) => void)[] = [];
  /** Told of every recorded domain event (the OIDC layer sends back-channel logouts on 'logged-out'); must not throw or block. */
  readonly eventListeners: ((events: readonly DomainEvent[]) => void)[] = [];

  constructor(
    readonly db: Db,
    readonly clock: Clock,
    readonly policy: Policy,
    readonly rp: RelyingParty,
    readonly options: {
      testMode: boolean;
      issuer: string;
      origin: string;
      argon2: Argon2Params;
      creationLimit?: CreationLimit;
      maxPushesPerAddress?: number;
      dataKeys?: readonly DataKey[];
    },
  ) {
    // Credentials at rest: the configured keys; test mode may use a generated per-install one.
    const keys =
      options.dataKeys ??
      (options.testMode ? [{ id: 'test', key: installKey(db, 'test-data-key') }] : undefined);
    if (!keys || keys.length === 0)
      throw new Error('a data key (FAKTOR_DATA_KEYS) is required outside test mode');
    this.accounts = new AccountRepo(db, new CredentialCipher(keys));
    this.accounts.resealCredentials();
    this.sessions = new SessionRepo(db);
    this.audit = new AuditRepo(db);
    this.outbox = new OutboxRepo(db, options.testMode);
    this.verifications = new VerificationRepo(db);
    this.desktopApps = new DesktopAppRepo(db);
    this.usernameTag = usernameTagger(installKey(db, 'username-tag'));
    this.throttle = new LoginThrottle(new ThrottleRepo(db), clock, this.usernameTag);
    this.creation = new CreationThrottle(new ThrottleRepo(db), clock, options.creationLimit);
    this.hasher = new PasswordHasher(options.argon2);
    this.ephemeral = db instanceof PgDb ? new PgEphemeralStore(db) : new MemoryEphemeralStore();
  }

  /** Now, from the injected clock. */
  now(): number {
    return this.clock.now();
  }

  /** Appends domain events to the audit log (they carry ids and levels only, never secrets). */
  recordEvents(events: readonly DomainEvent[], ip: string | null): void {
    for (const e of events) {
      const { type, at, accountId, ...rest } = e;
      this.audit.record(at, type, accountId, ip, rest);
    }
    for (const listener of this.eventListeners) listener(events);
  }

  /** Appends one service-level audit event. */
  record(
    event: AuditEvent,
    accountId: string | null,
    ip: string | null,
    detail: Record<string, unknown> = {},
  ): void {
    this.audit.record(this.now(), event, accountId, ip, detail);
  }

  /**
   * §7: erases an account — the cascade takes attributes, means, credentials, sessions, verifications
   * and outbox messages — and forgets the password-throttle counter keyed by its username's tag. Only
   * the audit log keeps the (now meaningless) account id and, for throttled attempts, username tags
   * (HMAC under the install key, never the name). Call inside a transaction.
   */
  erase(accountId: string): void {
    const account = this.accounts.byId(accountId);
    this.accounts.erase(accountId);
    if (account) this.throttle.forget(account.username);
    for (const listener of this.eraseListeners) listener(accountId);
  }

  /**
   * Runs `fn` in one transaction. A save of an account copy read before another write committed
   * (stale version) rolls everything back and answers 409 'conflict' — never a silent lost update.
   */
  tx<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn)();
    } catch (e) {
      if (e instanceof ConcurrentUpdateError) throw new ServiceError('conflict');
      throw e;
    }
  }
}
