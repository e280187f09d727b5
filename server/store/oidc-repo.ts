/**
 * The Servicekonto's own OpenID Connect records next to the provider's models: signing keys,
 * consent per service and attribute, the claims one authorisation released (fixed at login), and
 * which services a session signed in to (for back-channel logout).
 */
import type { Db } from './db';

/** One stored signing key (private JWK). */
export interface StoredKey {
  kid: string;
  jwk: Record<string, unknown>;
  createdAt: number;
  retiredAt: number | null;
}

/** A service a Servicekonto session signed in to. */
export interface SessionClientLink {
  sessionId: string;
  clientId: string;
  accountId: string;
  grantId: string;
  sid: string;
  providerSessionUid: string;
}

/** Persistence of the OIDC records that are not provider models. */
export class OidcRepo {
  constructor(private readonly db: Db) {}

  /** Every key, newest first. */
  keys(): StoredKey[] {
    const rows = this.db
      .prepare(
        'SELECT kid, jwk, created_at, retired_at FROM oidc_keys ORDER BY created_at DESC, kid',
      )
      .all() as {
      kid: string;
      jwk: string;
      created_at: number;
      retired_at: number | null;
    }[];
    return rows.map((r) => ({
      kid: r.kid,
      jwk: JSON.parse(r.jwk) as Record<string, unknown>,
      createdAt: r.created_at,
      retiredAt: r.retired_at,
    }));
  }

  /** Adds a new signing key and retires the ones that signed before it, in one transaction. */
  addKey(kid: string, jwk: Record<string, unknown>, at: number): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE oidc_keys SET retired_at = ? WHERE retired_at IS NULL').run(at);
      this.db
        .prepare('INSERT INTO oidc_keys (kid, jwk, created_at, retired_at) VALUES (?, ?, ?, NULL)')
        .run(kid, JSON.stringify(jwk), at);
    })();
  }

  /** Forgets keys retired before `before` (no token signed with them can still be valid). */
  dropRetiredKeys(before: number): number {
    return this.db
      .prepare('DELETE FROM oidc_keys WHERE retired_at IS NOT NULL AND retired_at < ?')
      .run(before).changes;
  }

  /** The attributes this account agreed to give this service. */
  consents(accountId: string, clientId: string): Set<string> {
    const rows = this.db
      .prepare('SELECT attribute FROM oidc_consents WHERE account_id = ? AND client_id = ?')
      .all(accountId, clientId) as { attribute: string }[];
    return new Set(rows.map((r) => r.attribute));
  }

  /** Every consent of an account, for the overview. */
  allConsents(accountId: string): { clientId: string; attribute: string; grantedAt: number }[] {
    const rows = this.db
      .prepare(
        'SELECT client_id, attribute, granted_at FROM oidc_consents WHERE account_id = ? ORDER BY client_id, attribute',
      )
      .all(accountId) as { client_id: string; attribute: string; granted_at: number }[];
    return rows.map((r) => ({
      clientId: r.client_id,
      attribute: r.attribute,
      grantedAt: r.granted_at,
    }));
  }

  /** Records consent for these attributes (idempotent). */
  grantConsent(
    accountId: string,
    clientId: string,
    attributes: readonly string[],
    at: number,
  ): void {
    const ins = this.db.prepare(
      'INSERT INTO oidc_consents (account_id, client_id, attribute, granted_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    this.db.transaction(() => {
      for (const a of attributes) ins.run(accountId, clientId, a, at);
    })();
  }

  /** Withdraws consent for one service (all its attributes, or one). Returns how many rows went. */
  revokeConsent(accountId: string, clientId: string, attribute?: string): number {
    if (attribute === undefined)
      return this.db
        .prepare('DELETE FROM oidc_consents WHERE account_id = ? AND client_id = ?')
        .run(accountId, clientId).changes;
    return this.db
      .prepare('DELETE FROM oidc_consents WHERE account_id = ? AND client_id = ? AND attribute = ?')
      .run(accountId, clientId, attribute).changes;
  }

  /** Stores what an authorisation released (read by the token and userinfo endpoints). */
  saveRelease(
    grantId: string,
    accountId: string,
    sessionId: string,
    payload: unknown,
    expiresAt: number,
  ): void {
    this.db
      .prepare(
        `INSERT INTO oidc_releases (grant_id, account_id, session_id, payload, expires_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (grant_id) DO UPDATE SET account_id = excluded.account_id, session_id = excluded.session_id, payload = excluded.payload, expires_at = excluded.expires_at`,
      )
      .run(grantId, accountId, sessionId, JSON.stringify(payload), expiresAt);
  }

  /** The release of a grant, or undefined when unknown or expired. */
  release(grantId: string, now: number): unknown {
    const row = this.db
      .prepare('SELECT payload, expires_at FROM oidc_releases WHERE grant_id = ?')
      .get(grantId) as { payload: string; expires_at: number } | undefined;
    if (!row || row.expires_at <= now) return undefined;
    return JSON.parse(row.payload) as unknown;
  }

  /** Removes the releases of one service for an account (consent withdrawn). */
  dropReleases(accountId: string, grantIds: readonly string[]): void {
    const del = this.db.prepare('DELETE FROM oidc_releases WHERE account_id = ? AND grant_id = ?');
    this.db.transaction(() => {
      for (const g of grantIds) del.run(accountId, g);
    })();
  }

  /** Remembers that a session signed in to a service. */
  linkSession(link: SessionClientLink, at: number): void {
    this.db
      .prepare(
        `INSERT INTO oidc_session_clients (session_id, client_id, account_id, grant_id, sid, provider_session_uid, at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (session_id, client_id) DO UPDATE SET account_id = excluded.account_id, grant_id = excluded.grant_id, sid = excluded.sid,
           provider_session_uid = excluded.provider_session_uid, at = excluded.at`,
      )
      .run(
        link.sessionId,
        link.clientId,
        link.accountId,
        link.grantId,
        link.sid,
        link.providerSessionUid,
        at,
      );
  }

  /** Takes (reads and deletes) the services a session signed in to. */
  takeSessionLinks(sessionId: string): SessionClientLink[] {
    return this.db.transaction(() => {
      const rows = this.db
        .prepare('SELECT * FROM oidc_session_clients WHERE session_id = ?')
        .all(sessionId) as {
        session_id: string;
        client_id: string;
        account_id: string;
        grant_id: string;
        sid: string;
        provider_session_uid: string;
      }[];
      this.db.prepare('DELETE FROM oidc_session_clients WHERE session_id = ?').run(sessionId);
      return rows.map((r) => ({
        sessionId: r.session_id,
        clientId: r.client_id,
        accountId: r.account_id,
        grantId: r.grant_id,
        sid: r.sid,
        providerSessionUid: r.provider_session_uid,
      }));
    })();
  }

  /** Grant ids of the account's sign-ins to one service (to revoke tokens when consent is withdrawn). */
  grantsFor(accountId: string, clientId: string): string[] {
    const clientOf =
      this.db.dialect === 'postgres'
        ? "payload::jsonb ->> 'clientId'"
        : "json_extract(payload, '$.clientId')";
    const rows = this.db
      .prepare(
        `SELECT id FROM oidc_store WHERE model = 'Grant' AND account_id = ? AND ${clientOf} = ?`,
      )
      .all(accountId, clientId) as {
      id: string;
    }[];
    return rows.map((r) => r.id);
  }

  /** Ends a provider session and revokes every token of its grant (the Servicekonto session ended). */
  endProviderSession(providerSessionUid: string, grantId: string): void {
    this.db.transaction(() => {
      this.db
        .prepare("DELETE FROM oidc_store WHERE model = 'Session' AND uid = ?")
        .run(providerSessionUid);
    })();
    this.revokeGrants([grantId]);
  }

  /** Deletes grants and every token issued under them (consent withdrawn, session ended). */
  revokeGrants(grantIds: readonly string[]): void {
    const del = this.db.prepare(
      "DELETE FROM oidc_store WHERE grant_id = ? OR (model = 'Grant' AND id = ?)",
    );
    this.db.transaction(() => {
      for (const g of grantIds) del.run(g, g);
    })();
  }
}
