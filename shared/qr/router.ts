import { pickFields, SUMMARY_KEYS } from '../account';
import { isFaktorError, type ErrorCode } from '../errors';
import type { OtpAlgorithm, OtpType } from '../otp/types';

/**
 * The one dispatcher from a scanned payload to the flow that handles it. It only classifies — it never
 * stores, adds or sends anything; every flow asks the user to confirm first.
 *
 * Version 1 recognises (scheme match is case-insensitive, surrounding whitespace ignored):
 *   otpauth://…            → add-account   (one TOTP/HOTP account)
 *   otpauth-migration://…  → migration-part (one QR of a Google Authenticator export)
 *   faktor-pair:…          → unsupported-yet (Servicekonto pairing, defined by the pairing issue)
 *   faktor-login:…         → unsupported-yet (Servicekonto offline login, defined by the pairing issue)
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
}

/** Servicekonto flows whose QR payload format the pairing issue defines. */
export type ServicekontoFlow = 'servicekonto-pairing' | 'servicekonto-login';

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
  | { kind: 'unsupported-yet'; flow: ServicekontoFlow }
  | { kind: 'invalid'; target: 'otpauth' | 'otpauth-migration'; error: ErrorCode }
  | { kind: 'text'; text: string };

/** Route kinds, in the order the UI documents them. */
export type RouteKind = Route['kind'];

const SCHEMES: readonly { prefix: string; kind: 'otpauth' | 'otpauth-migration' | ServicekontoFlow }[] = [
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
  if (scheme.kind === 'servicekonto-pairing' || scheme.kind === 'servicekonto-login') {
    return { kind: 'unsupported-yet', flow: scheme.kind };
  }
  const target = scheme.kind;
  if (trimmed.length > MAX_PAYLOAD_CHARS) return { kind: 'invalid', target, error: 'invalid-uri' };
  try {
    if (target === 'otpauth') {
      const { params, warnings } = parsers.otpauth(trimmed);
      return { kind: 'add-account', payload: trimmed, summary: summarize(params), warnings: [...warnings] };
    }
    const m = parsers.migration(trimmed);
    if (!validBatch(m.batchIndex, m.batchSize)) return { kind: 'invalid', target, error: 'invalid-migration' };
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
    return { kind: 'invalid', target, error: isFaktorError(e) ? e.code : target === 'otpauth' ? 'invalid-uri' : 'invalid-migration' };
  }
}

/** Copies only the displayable fields, so a parser's secret can never ride along in a summary. */
export function summarize(p: AccountSummary): AccountSummary {
  return pickFields(p, SUMMARY_KEYS);
}

function validBatch(index: number, size: number): boolean {
  return Number.isInteger(index) && Number.isInteger(size) && size >= 1 && size <= 1000 && index >= 0 && index < size;
}

/** The renderer-safe view of a route: everything except the raw payload. */
export type RouteView =
  | Omit<Extract<Route, { kind: 'add-account' }>, 'payload'>
  | Omit<Extract<Route, { kind: 'migration-part' }>, 'payload'>
  | Extract<Route, { kind: 'unsupported-yet' | 'invalid' | 'text' }>;

/** Strips the payload (it may hold a secret) before a route crosses IPC. */
export function toRouteView(route: Route): RouteView {
  if (route.kind === 'add-account' || route.kind === 'migration-part') {
    const { payload: _payload, ...view } = route;
    return view;
  }
  return route;
}
