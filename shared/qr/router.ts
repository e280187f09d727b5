import { pickFields, SUMMARY_KEYS } from '../account';
import { isFaktorError, type ErrorCode } from '../errors';
import type { OtpAlgorithm, OtpType } from '../otp/types';
import type { LoginPayload } from '../servicekonto/login-payload';
import {
  pairingView,
  type PairingPayload,
  type PairingView,
} from '../servicekonto/pairing-payload';

/**
 * The one dispatcher from a scanned payload to the flow that handles it. It only classifies — it never
 * stores, adds or sends anything; every flow asks the user to confirm first.
 *
 * Version 1 recognises (scheme match is case-insensitive, surrounding whitespace ignored):
 *   otpauth://…            → add-account   (one TOTP/HOTP account)
 *   otpauth-migration://…  → migration-part (one QR of a Google Authenticator export)
 *   faktor-pair:…          → servicekonto-pairing (docs/protocol.md §Pairing QR)
 *   faktor-login:…         → servicekonto-login   (docs/protocol.md §Login QR)
 *   anything else          → text          ("not an authenticator code")
 * A payload with a known scheme that fails to parse is `invalid` with the parser's error code, so the
 * UI can say "this is a broken authenticator code" rather than "this is just text".
 *
 * Contract: routePayload never throws, for any string (property-tested with fast-check).
 */
export const QR_ROUTER_VERSION = 1;

/** Longest payload a QR code can carry (version 40, numeric mode); anything longer is not from a QR. */
export const MAX_PAYLOAD_CHARS = 7089;

/** Account metadata shown in a confirm dialog. Deliberately has no secret field. */
export interface AccountSummary {
  readonly type: OtpType;
  readonly issuer: string;
  readonly label: string;
  readonly algorithm: OtpAlgorithm;
  readonly digits: number;
  readonly period: number;
}

/** What the OTP parsers (shared/otp) give the router; injected so the router stays a pure table. */
export interface PayloadParsers {
  otpauth(uri: string): { params: AccountSummary; warnings: readonly string[] };
  migration(uri: string): {
    accounts: readonly AccountSummary[];
    batchSize: number;
    batchIndex: number;
    batchId: number;
    version: number;
  };
  /** shared/servicekonto parsers; they check expiry against the caller's clock. */
  pairing(payload: string): PairingPayload;
  login(payload: string): LoginPayload;
}

/** Servicekonto flows whose QR payload format docs/protocol.md defines. */
export type ServicekontoFlow = 'servicekonto-pairing' | 'servicekonto-login';

/** Targets a broken payload can have been meant for. */
export type InvalidTarget = 'otpauth' | 'otpauth-migration' | 'faktor-pair' | 'faktor-login';

/** The router's verdict. `payload` (the raw text, may hold a secret) stays in the main process. */
export type Route =
  | { kind: 'add-account'; payload: string; summary: AccountSummary; warnings: readonly string[] }
  | {
      kind: 'migration-part';
      payload: string;
      batchId: number;
      batchIndex: number;
      batchSize: number;
      version: number;
      accounts: readonly AccountSummary[];
    }
  | { kind: 'servicekonto-pairing'; payload: string; pairing: PairingView }
  | { kind: 'servicekonto-login'; payload: string; login: Omit<LoginPayload, 'v'> }
  | { kind: 'invalid'; target: InvalidTarget; error: ErrorCode }
  | { kind: 'text'; text: string };

/** Route kinds, in the order the UI documents them. */
export type RouteKind = Route['kind'];

const SCHEMES: readonly {
  prefix: string;
  kind: 'otpauth' | 'otpauth-migration' | ServicekontoFlow;
}[] = [
  // Longest prefix first: "otpauth-migration://" must not be taken for "otpauth…".
  { prefix: 'otpauth-migration://', kind: 'otpauth-migration' },
  { prefix: 'otpauth://', kind: 'otpauth' },
  { prefix: 'faktor-pair:', kind: 'servicekonto-pairing' },
  { prefix: 'faktor-login:', kind: 'servicekonto-login' },
];

/** Classifies one payload. Pure and total: never throws, never acts. */
export function routePayload(text: string, parsers: PayloadParsers): Route {
  if (typeof text !== 'string') return { kind: 'text', text: '' };
  const trimmed = text.trim();
  const lower = trimmed.slice(0, 32).toLowerCase();
  const scheme = SCHEMES.find((s) => lower.startsWith(s.prefix));
  if (!scheme) return { kind: 'text', text: text.slice(0, MAX_PAYLOAD_CHARS) };
  if (scheme.kind === 'servicekonto-pairing' || scheme.kind === 'servicekonto-login')
    return routeServicekonto(trimmed, scheme.kind, parsers);
  const target = scheme.kind;
  if (trimmed.length > MAX_PAYLOAD_CHARS) return { kind: 'invalid', target, error: 'invalid-uri' };
  try {
    if (target === 'otpauth') {
      const { params, warnings } = parsers.otpauth(trimmed);
      return {
        kind: 'add-account',
        payload: trimmed,
        summary: summarize(params),
        warnings: [...warnings],
      };
    }
    const m = parsers.migration(trimmed);
    if (!validBatch(m.batchIndex, m.batchSize))
      return { kind: 'invalid', target, error: 'invalid-migration' };
    return {
      kind: 'migration-part',
      payload: trimmed,
      batchId: m.batchId,
      batchIndex: m.batchIndex,
      batchSize: m.batchSize,
      version: m.version,
      accounts: m.accounts.map(summarize),
    };
  } catch (e) {
    return {
      kind: 'invalid',
      target,
      error: isFaktorError(e) ? e.code : target === 'otpauth' ? 'invalid-uri' : 'invalid-migration',
    };
  }
}

function routeServicekonto(
  trimmed: string,
  flow: ServicekontoFlow,
  parsers: PayloadParsers,
): Route {
  const target = flow === 'servicekonto-pairing' ? 'faktor-pair' : 'faktor-login';
  if (trimmed.length > MAX_PAYLOAD_CHARS)
    return { kind: 'invalid', target, error: 'protocol-oversize' };
  try {
    if (flow === 'servicekonto-pairing')
      return { kind: flow, payload: trimmed, pairing: pairingView(parsers.pairing(trimmed)) };
    const { v: _v, ...login } = parsers.login(trimmed);
    return { kind: flow, payload: trimmed, login };
  } catch (e) {
    return { kind: 'invalid', target, error: isFaktorError(e) ? e.code : 'protocol-malformed' };
  }
}

/** Copies only the displayable fields, so a parser's secret can never ride along in a summary. */
export function summarize(p: AccountSummary): AccountSummary {
  return pickFields(p, SUMMARY_KEYS);
}

function validBatch(index: number, size: number): boolean {
  return (
    Number.isInteger(index) &&
    Number.isInteger(size) &&
    size >= 1 &&
    size <= 1000 &&
    index >= 0 &&
    index < size
  );
}

/** The renderer-safe view of a route: everything except the raw payload. */
export type RouteView =
  | Omit<Extract<Route, { kind: 'add-account' }>, 'payload'>
  | Omit<Extract<Route, { kind: 'migration-part' }>, 'payload'>
  | Omit<Extract<Route, { kind: 'servicekonto-pairing' }>, 'payload'>
  | Omit<Extract<Route, { kind: 'servicekonto-login' }>, 'payload'>
  | Extract<Route, { kind: 'invalid' | 'text' }>;

/** Strips the payload (it may hold a secret) before a route crosses IPC. */
export function toRouteView(route: Route): RouteView {
  if (
    route.kind === 'add-account' ||
    route.kind === 'migration-part' ||
    route.kind === 'servicekonto-pairing' ||
    route.kind === 'servicekonto-login'
  ) {
    const { payload: _payload, ...view } = route;
    return view;
  }
  return route;
}
