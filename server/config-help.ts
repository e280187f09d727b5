/**
 * The usage text of `npm run server -- --help` (flags and environment variables, docs/servicekonto.md
 * has the long form). Kept apart from the flag parsing (config-flags.ts) it describes.
 */

/** `npm run server -- --help`. */
export const HELP_TEXT = `Faktor reference Servicekonto (BSI TR-03160-1)

Usage: npm run server -- [flags]

  --host <addr>       interface to bind (env FAKTOR_HOST, default 127.0.0.1);
                      with --test-mode only loopback (127.0.0.0/8, ::1, localhost)
  --port <n>          TCP port (env FAKTOR_PORT, default 8787; 0 = any free port)
  --data-dir <dir>    directory of servicekonto.sqlite (env FAKTOR_DATA_DIR,
                      default ./.faktor-data/servicekonto)
  --database <url>    PostgreSQL instead of SQLite, postgres://user@host:5432/db (env
                      FAKTOR_DATABASE_URL); several nodes may share it (docs/deploy.md). Put a
                      password in the env variable or PGPASSWORD, never in the flag (argv is public)
  --test-mode         test clock, test eID and readable SMS/e-mail outboxes
                      (env FAKTOR_TEST_MODE=1); never with real data
  --secure-cookies    Secure flag on the session cookie, for HTTPS (env FAKTOR_SECURE_COOKIES=1)
  --origin <url>      browser origin for WebAuthn and e-mail links
                      (env FAKTOR_ORIGIN, default http://localhost:<port>)
  --rp-id <domain>    WebAuthn relying-party id (env FAKTOR_RP_ID, default localhost)
  --allowed-hosts <l> comma-separated Host names the server answers, name or name:port,
                      * = any (env FAKTOR_ALLOWED_HOSTS; default: the bound address, the
                      loopback names when bound there, the RP id and the --origin host);
                      ignored in test mode, which answers localhost/127.0.0.1/[::1] only
  --trusted-proxies <l>
                      comma-separated IPs/CIDRs of the reverse proxies in front of the server
                      (env FAKTOR_TRUSTED_PROXIES); only they may set X-Forwarded-For, which
                      then names the client for throttles and the audit log (docs/deploy.md)
  --log-level <lvl>   fatal|error|warn|info|debug|trace|silent (env FAKTOR_LOG_LEVEL, default info)
  --deletion-delay-days <n>
                      lock period of a delayed account deletion, shown at creation (§7)
                      (env FAKTOR_DELETION_DELAY_DAYS, default 7)
  --max-account-creations <n>
                      account creations per client address within 15 minutes
                      (env FAKTOR_MAX_ACCOUNT_CREATIONS, default 10)
  --max-pushes-per-address <n>
                      online-approval requests one client address (IPv6: its /56) may have
                      open or recently settled at once (env FAKTOR_MAX_PUSHES_PER_ADDRESS, default 300)
  --oidc-clients <f>  JSON file: array of OpenID Connect client metadata (env FAKTOR_OIDC_CLIENTS);
                      issuer <origin>/oidc, see docs/oidc.md
  --help              this text

Environment only: FAKTOR_DATA_KEYS=id:base64key[,id:base64key…] — keys that encrypt TOTP seeds and
WebAuthn data at rest (first = current; required outside --test-mode; rotation in docs/servicekonto.md).

Open the pages at http://localhost:<port>/ (WebAuthn needs a domain, not an IP address).
API: GET /openapi.json. Documentation: docs/servicekonto.md.
`;

/** True when the user asked for the usage text. */
export function wantsHelp(argv: readonly string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}
