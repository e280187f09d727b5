/**
 * The schema, as an ordered list of migrations. Each runs once, inside its own transaction, and
 * bumps `PRAGMA user_version` to its index + 1, so a crash mid-migration leaves the previous version
 * intact. Append new migrations; never edit a released one.
 */

/** One schema step: a name for the log and the SQL it runs. */
export interface Migration {
  readonly name: string;
  readonly sql: string;
}

/** All migrations in order; user_version N means the first N have run. */
export const MIGRATIONS: readonly Migration[] = [
  {
    name: 'initial accounts, attributes, means, sessions, verifications, throttles, audit, outbox',
    sql: `
      CREATE TABLE accounts (
        id                  TEXT PRIMARY KEY,
        username            TEXT NOT NULL UNIQUE COLLATE NOCASE,
        password_hash       TEXT NOT NULL,
        block_password_hash TEXT,
        created_at          INTEGER NOT NULL,
        eid_pseudonym       TEXT UNIQUE,       -- DKK from the last eID verification (§4.5 Nr. 1)
        deletion_requested_at INTEGER,         -- delayed deletion: account fully locked (§7)
        deletion_erase_at   INTEGER
      ) STRICT;

      CREATE TABLE attributes (
        account_id  TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        name        TEXT NOT NULL,
        value       TEXT NOT NULL,
        level       TEXT NOT NULL,
        source      TEXT NOT NULL,
        verified_at INTEGER,
        needs_reconfirmation INTEGER NOT NULL DEFAULT 0,
        position    INTEGER NOT NULL,
        PRIMARY KEY (account_id, name)
      ) STRICT;

      CREATE TABLE means (
        id            TEXT PRIMARY KEY,
        account_id    TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        kind          TEXT NOT NULL,
        level         TEXT NOT NULL,
        status        TEXT NOT NULL,           -- pending | active | blocked | removed
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        last_used_at  INTEGER,
        created_at    INTEGER NOT NULL,
        pending_session_id TEXT,               -- the session that registered it (§4.2 confirmation)
        blocked_at    INTEGER,
        blocked_reason TEXT,
        removed_at    INTEGER,
        label         TEXT,
        position      INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX means_account ON means(account_id);

      -- Secret or public key material of a means, kept out of the domain model.
      CREATE TABLE means_credentials (
        means_id      TEXT PRIMARY KEY REFERENCES means(id) ON DELETE CASCADE,
        data          TEXT NOT NULL,           -- kind-specific JSON (TOTP seed, WebAuthn public key, phone number)
        last_step     INTEGER                  -- last accepted TOTP time step (single use, ASVS 6.5.1)
      ) STRICT;

      CREATE TABLE sessions (
        id            TEXT PRIMARY KEY,        -- internal id the domain sees (never the cookie value)
        token_hash    TEXT NOT NULL UNIQUE,    -- SHA-256 of the cookie value; the token itself is never stored
        account_id    TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        csrf_token    TEXT NOT NULL,
        created_at    INTEGER NOT NULL,
        last_activity_at INTEGER NOT NULL,
        ended_at      INTEGER,
        authentications TEXT NOT NULL,         -- JSON array of SessionAuthentication
        scratch       TEXT NOT NULL DEFAULT '{}' -- JSON: pending WebAuthn challenges, SMS code hashes
      ) STRICT;
      CREATE INDEX sessions_account ON sessions(account_id);

      CREATE TABLE verifications (
        id            TEXT PRIMARY KEY,
        account_id    TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        session_id    TEXT NOT NULL,
        attribute     TEXT NOT NULL,
        value         TEXT NOT NULL,
        method        TEXT NOT NULL,           -- verification route (email-code, de-mail, …)
        level         TEXT NOT NULL,           -- level fixed when the value was entered (§5.1)
        created_at    INTEGER NOT NULL,
        code_hash     TEXT NOT NULL,
        attempts      INTEGER NOT NULL DEFAULT 0,
        expires_at    INTEGER NOT NULL,
        used_at       INTEGER
      ) STRICT;
      CREATE INDEX verifications_account ON verifications(account_id);

      CREATE TABLE throttles (
        key           TEXT PRIMARY KEY,        -- 'acct:<username tag>' (migration 3) or 'ip:<address>'
        failures      INTEGER NOT NULL,
        window_start  INTEGER NOT NULL,
        locked_until  INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE audit_events (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        at          INTEGER NOT NULL,
        event       TEXT NOT NULL,
        account_id  TEXT,                      -- kept after deletion on purpose: the log outlives the account
        ip          TEXT,
        detail      TEXT NOT NULL              -- JSON without secrets
      ) STRICT;
      CREATE INDEX audit_account ON audit_events(account_id);

      CREATE TABLE outbox (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        channel     TEXT NOT NULL,             -- sms | email
        recipient   TEXT NOT NULL,
        subject     TEXT NOT NULL,
        body        TEXT NOT NULL,
        at          INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    name: 'outbox rows belong to an account (erased with it, §7) and a session (SMS rate limit)',
    sql: `
      ALTER TABLE outbox ADD COLUMN account_id TEXT REFERENCES accounts(id) ON DELETE CASCADE;
      ALTER TABLE outbox ADD COLUMN session_id TEXT;   -- the session that caused the message (rate limit)
      -- Messages written before this migration have no known owner; they could outlive their account,
      -- so they go (codes in them are valid for 10 minutes only).
      DELETE FROM outbox;
      CREATE INDEX outbox_account ON outbox(account_id, channel, at);
      CREATE INDEX outbox_session ON outbox(session_id, channel, at);
    `,
  },
  {
    name: 'no usernames outside accounts: per-install key for username tags; strip names from audit and throttles (§7)',
    sql: `
      -- Random per-install keys (HMAC key of the username tags); never leave the data directory.
      CREATE TABLE install_secrets (
        name        TEXT PRIMARY KEY,
        value       BLOB NOT NULL
      ) STRICT;
      -- Throttled-login rows used to keep the typed username, which outlived an erased account.
      UPDATE audit_events SET detail = json_remove(detail, '$.username') WHERE json_extract(detail, '$.username') IS NOT NULL;
      -- Username counters were keyed 'acct:<name>'; now 'acct:<tag>'. Locks last at most 15 minutes.
      DELETE FROM throttles WHERE key LIKE 'acct:%';
    `,
  },
  {
    name: '§4.5 provenance of attributes and the eID pseudonym; optimistic-concurrency version of the account aggregate (issue #7)',
    sql: `
      -- Level of the session that entered/changed the value, or 'account-creation' (the owner's).
      ALTER TABLE attributes ADD COLUMN provenance TEXT NOT NULL DEFAULT 'niedrig';
      -- Self-entered values never edited afterwards (no attribute-set audit row) were stored at creation.
      UPDATE attributes SET provenance = 'account-creation'
        WHERE source = 'self-entered' AND NOT EXISTS (
          SELECT 1 FROM audit_events e WHERE e.account_id = attributes.account_id AND e.event = 'attribute-set'
            AND json_extract(e.detail, '$.attribute') = attributes.name);
      -- A verified value was verified at most at the session's level: its level is a safe lower bound.
      UPDATE attributes SET provenance = level WHERE source <> 'self-entered' AND level IN ('niedrig', 'substanziell', 'hoch');
      ALTER TABLE accounts ADD COLUMN eid_pseudonym_provenance TEXT;
      UPDATE accounts SET eid_pseudonym_provenance = coalesce(
        (SELECT a.level FROM attributes a WHERE a.account_id = accounts.id AND a.source = 'eid' AND a.level IN ('niedrig', 'substanziell', 'hoch')
          ORDER BY CASE a.level WHEN 'niedrig' THEN 1 WHEN 'substanziell' THEN 2 ELSE 3 END LIMIT 1), 'niedrig')
        WHERE eid_pseudonym IS NOT NULL;
      -- Bumped by every save; a save from a stale read is refused (lost updates, issue #7 item 3).
      ALTER TABLE accounts ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    name: 'desktop app (issue #9): one-time enrollment tokens and offline login transactions',
    sql: `
      -- Pairing QR tokens: only the SHA-256 of the token is stored; single use, bound to one web session.
      CREATE TABLE desktop_enrollments (
        token_hash  TEXT PRIMARY KEY,
        account_id  TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        session_id  TEXT NOT NULL,
        expires_at  INTEGER NOT NULL,
        used_at     INTEGER
      ) STRICT;
      -- Offline login QR transactions; account_id is NULL for an unknown username (same answer, no enumeration).
      CREATE TABLE desktop_logins (
        tx          TEXT PRIMARY KEY,
        account_id  TEXT REFERENCES accounts(id) ON DELETE CASCADE,
        payload     TEXT NOT NULL,              -- the faktor-login: text shown (no secret)
        expires_at  INTEGER NOT NULL,
        used_at     INTEGER
      ) STRICT;
      CREATE INDEX desktop_logins_expiry ON desktop_logins(expires_at);
    `,
  },
  {
    name: 'OpenID Connect provider state (oidc-provider models), signing keys, per-service consent, released-claim snapshots, session links',
    sql: `
      -- Every oidc-provider model (Session, Interaction, AuthorizationCode, AccessToken, Grant, …) as
      -- JSON, so a node keeps no OIDC state in memory. account_id ties tokens and grants to the
      -- account: erasing it (§7) takes them along.
      CREATE TABLE oidc_store (
        model       TEXT NOT NULL,
        id          TEXT NOT NULL,
        payload     TEXT NOT NULL,
        grant_id    TEXT,
        uid         TEXT,
        user_code   TEXT,
        account_id  TEXT REFERENCES accounts(id) ON DELETE CASCADE,
        consumed_at INTEGER,
        expires_at  INTEGER,                -- epoch ms; NULL = no expiry
        PRIMARY KEY (model, id)
      ) STRICT;
      CREATE INDEX oidc_store_grant ON oidc_store(grant_id);
      CREATE INDEX oidc_store_uid ON oidc_store(model, uid);
      CREATE INDEX oidc_store_expiry ON oidc_store(expires_at);

      -- ID-token signing keys (private JWK JSON), generated per install; newest active key signs.
      CREATE TABLE oidc_keys (
        kid         TEXT PRIMARY KEY,
        jwk         TEXT NOT NULL,
        created_at  INTEGER NOT NULL,
        retired_at  INTEGER                 -- no longer signs; published until retired_at + grace
      ) STRICT;

      -- Consent per service (client) and attribute, revocable in the overview (§6).
      CREATE TABLE oidc_consents (
        account_id  TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        client_id   TEXT NOT NULL,
        attribute   TEXT NOT NULL,
        granted_at  INTEGER NOT NULL,
        PRIMARY KEY (account_id, client_id, attribute)
      ) STRICT;

      -- What one authorisation released (§6: values with their levels, withheld list), fixed when the
      -- user finished the login; the token and userinfo endpoints read it by grant id.
      CREATE TABLE oidc_releases (
        grant_id    TEXT PRIMARY KEY,
        account_id  TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        session_id  TEXT NOT NULL,
        payload     TEXT NOT NULL,
        expires_at  INTEGER NOT NULL
      ) STRICT;

      -- Which services a Servicekonto session signed in to (back-channel logout when it ends).
      CREATE TABLE oidc_session_clients (
        session_id  TEXT NOT NULL,
        client_id   TEXT NOT NULL,
        account_id  TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        grant_id    TEXT NOT NULL,
        sid         TEXT NOT NULL,          -- the provider's session id for this client (logout token)
        provider_session_uid TEXT NOT NULL, -- the provider session, destroyed with the Servicekonto session
        at          INTEGER NOT NULL,
        PRIMARY KEY (session_id, client_id)
      ) STRICT;
    `,
  },
  {
    name: "browser and address hint per session, for the paired app's list of web sessions (issue #9)",
    sql: `
      -- The last browser (User-Agent, ≤ 120 chars) and IP address a session cookie was issued to.
      ALTER TABLE sessions ADD COLUMN client_browser TEXT NOT NULL DEFAULT '';
      ALTER TABLE sessions ADD COLUMN client_ip TEXT NOT NULL DEFAULT '';
    `,
  },
];
