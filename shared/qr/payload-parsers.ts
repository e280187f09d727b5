import { parseMigrationUri } from '../otp/migration';
import { parseOtpauthUri } from '../otp/uri';
import { parseLoginPayload } from '../servicekonto/login-payload';
import { parsePairingPayload } from '../servicekonto/pairing-payload';
import { routePayload, type PayloadParsers, type Route } from './router';

/** The real parsers from shared/otp and shared/servicekonto, as the router consumes them at `nowMs`. */
export function payloadParsers(nowMs: number): PayloadParsers {
  return {
    otpauth: parseOtpauthUri,
    migration: parseMigrationUri,
    pairing: (text) => parsePairingPayload(text, nowMs),
    login: (text) => parseLoginPayload(text, nowMs),
  };
}

/** routePayload with the app's parsers: what main runs on every scanned payload (expiry judged at `nowMs`). */
export function route(text: string, nowMs: number = Date.now()): Route {
  return routePayload(text, payloadParsers(nowMs));
}
