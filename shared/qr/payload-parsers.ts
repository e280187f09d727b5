import { parseMigrationUri } from '../otp/migration';
import { parseOtpauthUri } from '../otp/uri';
import { routePayload, type PayloadParsers, type Route } from './router';

/** The real OTP parsers from shared/otp, as the router consumes them. */
export const otpParsers: PayloadParsers = { otpauth: parseOtpauthUri, migration: parseMigrationUri };

/** routePayload with the app's parsers: what main runs on every scanned payload. */
export function route(text: string): Route {
  return routePayload(text, otpParsers);
}
