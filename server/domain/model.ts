/**
 * The account, its means and attributes, and a session, as plain serialisable data (what the store
 * persists). Every rule is a pure function over these; time is a number of milliseconds since the epoch.
 */
import type { DataLevel, MeansLevel } from '../../shared/levels';
import type { MeansKind, VerificationMethod } from './policy';

/** Lifecycle of a means (§4.2 pending until confirmed, §4.4 blocked / de-registered). */
export type MeansStatus = 'pending' | 'active' | 'blocked' | 'removed';

/** Why a means is blocked (§4.4; failed-attempts = 3 wrong second-factor/PIN responses). */
export type BlockReason = 'user' | 'block-password' | 'failed-attempts';

/** One registered authentication means (no secret: credentials live in the store, keyed by `id`). */
export interface Means {
  readonly id: string;
  readonly kind: MeansKind;
  /** Fixed at registration from the policy (§2.5: exactly one level per means). */
  readonly level: MeansLevel;
  readonly status: MeansStatus;
  /** Consecutive wrong second-factor/PIN responses; reset by a success. */
  readonly failedAttempts: number;
  readonly lastUsedAt: number | null;
  readonly createdAt: number;
  /** Session that registered it; only that session may confirm it (§4.2). Null once confirmed. */
  readonly pendingSessionId: string | null;
  readonly blockedAt: number | null;
  readonly blockedReason: BlockReason | null;
  readonly removedAt: number | null;
  /** User-chosen display name ("YubiKey blue"), never a secret. */
  readonly label: string | null;
}

/** Where an attribute value came from (§3 self entry, §5.1 routes, eID). */
export type AttributeSource = 'self-entered' | VerificationMethod | 'eid';

/**
 * Who put a value or pseudonym there (§4.5, issue #7): 'account-creation' counts as the owner's; a
 * level is that of the session that entered, changed or bound it. A §4.5 substitute at level L only
 * counts values and pseudonyms from account creation or from a session at ≥ L.
 */
export type Provenance = 'account-creation' | MeansLevel;

/** One identity attribute with its own level (§2.3). */
export interface Attribute {
  /** Key, e.g. 'familyName' (see MDS_ATTRIBUTES) or 'email', 'deMail', 'phone'. */
  readonly name: string;
  readonly value: string;
  /** Stored level; the usable level is additionally capped by the account maximum (§5). */
  readonly level: DataLevel;
  readonly source: AttributeSource;
  readonly verifiedAt: number | null;
  /** Set when a minimum-data-set attribute was raised and the user must re-confirm this one (§5.1). */
  readonly needsReconfirmation: boolean;
  /** Level of the session that entered or last changed the value (§4.5 reading, docs/servicekonto.md). */
  readonly provenance: Provenance;
}

/** Delayed deletion in progress: the account is fully locked until `eraseAt` (§7). */
export interface DeletionState {
  readonly requestedAt: number;
  readonly eraseAt: number;
}

/** A permanent user account (Nutzerkonto, §2.3). */
export interface Account {
  readonly id: string;
  /** Unique account name the user states at login (§4). */
  readonly username: string;
  readonly createdAt: number;
  readonly attributes: readonly Attribute[];
  /** All means ever registered, including removed ones until the account is erased. */
  readonly means: readonly Means[];
  /** A block password (Sperrpasswort) exists in the store (§4.4); its hash never enters the domain. */
  readonly blockPasswordSet: boolean;
  /** eID pseudonym (DKK) from the last eID verification; the "eindeutige Kennung" of §4.5 Nr. 1. */
  readonly eidPseudonym: string | null;
  /** Level of the session that bound `eidPseudonym` (null when none is bound). */
  readonly eidPseudonymProvenance: Provenance | null;
  readonly deletion: DeletionState | null;
  /**
   * Concurrency token owned by the store: the version this copy was read at (absent before the first
   * insert). Rules pass it through unchanged; a save of a stale copy is refused (optimistic concurrency).
   */
  readonly version?: number;
}

/** One authentication inside a session (§4.3: several means may be used in one session). */
export interface SessionAuthentication {
  /** The means used; null for a §4.5 verification that replaced an authentication. */
  readonly meansId: string | null;
  readonly via: 'means' | 'mds-verification';
  /** Level when it happened. */
  readonly grantedLevel: MeansLevel;
  /** Level after Table 2 downgrades so far (persisted by touchSession so it never rises again). */
  readonly level: MeansLevel;
  /** When it happened; "Sitzungsdauer" counts from here. */
  readonly at: number;
  /** §4.5 only: the pseudonym of the eID that was read, so a later block of that eID (§4.4) ends it too. */
  readonly pseudonym?: string;
}

/** A login session of one account. */
export interface Session {
  readonly id: string;
  readonly accountId: string;
  readonly createdAt: number;
  /** Last user input ("Inaktivität" counts from here). */
  readonly lastActivityAt: number;
  readonly authentications: readonly SessionAuthentication[];
  /** Set by logout; an ended session never authenticates again. */
  readonly endedAt: number | null;
}

/** Kinds of audit events the rules emit (no secrets, ever). */
export type DomainEventType =
  | 'account-created'
  | 'authenticated'
  | 'authentication-replaced'
  | 'authentication-downgraded'
  | 'authentication-expired'
  | 'logged-out'
  | 'means-registered'
  | 'means-confirmed'
  | 'means-pending-discarded'
  | 'means-failed-attempt'
  | 'means-blocked'
  | 'means-unblocked'
  | 'means-removed'
  | 'account-max-level-changed'
  | 'attribute-set'
  | 'attribute-verified'
  | 'attribute-capped'
  | 'attributes-need-reconfirmation'
  | 'attribute-confirmed'
  | 'attribute-rejected'
  | 'deletion-requested'
  | 'account-erased';

/** One audit event; the http layer appends them to the audit log. */
export interface DomainEvent {
  readonly type: DomainEventType;
  readonly at: number;
  readonly accountId: string;
  readonly sessionId?: string;
  readonly meansId?: string;
  readonly attribute?: string;
  /** New level, where one changed. */
  readonly level?: DataLevel | null;
  readonly from?: DataLevel | null;
  readonly reason?: string;
}

/** Result of a rule that changes only the account. */
export interface AccountOutcome {
  readonly account: Account;
  readonly events: readonly DomainEvent[];
}

/** Result of a rule that changes the account and/or a session. */
export interface SessionOutcome extends AccountOutcome {
  readonly session: Session;
}
