import protobuf from 'protobufjs/light.js';
import { FaktorError } from '../errors';
import { decodeBase64, encodeBase64 } from './base64';
import { hasUnsafeNameChar } from '../text/names';
import { joinLabel, splitLabel } from './label';
import { MAX_MIGRATION_URI_LENGTH, MAX_SECRET_BYTES, checkOtpParams } from './limits';
import type { OtpAlgorithm, OtpParams } from './types';

/*
 * Google Authenticator's export, `otpauth-migration://offline?data=<base64 protobuf>`. The schema
 * is reverse-engineered (protocols.md §1.5; same field numbers in Aegis and dim13/otpauth) and
 * declared here through protobufjs reflection, so there is no codegen step. docs/otp.md has the
 * rules; test/fixtures/otp/migration.proto is the same schema for `protoc --decode`.
 */

/** One export QR code: its accounts plus the batch fields that tie several QR codes together. */
export interface MigrationBatch {
  readonly accounts: readonly OtpParams[];
  readonly version: number;
  /** Number of QR codes in the export (an export without batch fields counts as 1). */
  readonly batchSize: number;
  /** 0-based position of this QR code, < batchSize. */
  readonly batchIndex: number;
  /** Shared by all QR codes of one export (any int32; Google picks it at random). */
  readonly batchId: number;
}

const root = protobuf.Root.fromJSON({
  nested: {
    MigrationPayload: {
      fields: {
        otpParameters: { rule: 'repeated', type: 'OtpParameters', id: 1 },
        version: { type: 'int32', id: 2 },
        batchSize: { type: 'int32', id: 3 },
        batchIndex: { type: 'int32', id: 4 },
        batchId: { type: 'int32', id: 5 },
      },
      nested: {
        OtpParameters: {
          fields: {
            secret: { type: 'bytes', id: 1 },
            name: { type: 'string', id: 2 },
            issuer: { type: 'string', id: 3 },
            algorithm: { type: 'int32', id: 4 },
            digits: { type: 'int32', id: 5 },
            type: { type: 'int32', id: 6 },
            counter: { type: 'int64', id: 7 },
          },
        },
      },
    },
  },
});
const Payload = root.lookupType('MigrationPayload');

/** Wire type of every field we know (0 varint, 2 length-delimited); anything else means a corrupt layout. */
const PAYLOAD_WIRE: Readonly<Record<number, number>> = { 1: 2, 2: 0, 3: 0, 4: 0, 5: 0 };
const PARAMETERS_WIRE: Readonly<Record<number, number>> = {
  1: 2,
  2: 2,
  3: 2,
  4: 0,
  5: 0,
  6: 0,
  7: 0,
};

/** Enum values of the export (Algorithm, DigitCount, OtpType); UNSPECIFIED (0) means the default. */
const ALGORITHMS: Readonly<Record<number, OtpAlgorithm>> = {
  0: 'SHA1',
  1: 'SHA1',
  2: 'SHA256',
  3: 'SHA512',
};
const ALGORITHM_MD5 = 4;
const DIGITS: Readonly<Record<number, number>> = { 0: 6, 1: 6, 2: 8 };
const TYPES: Readonly<Record<number, 'totp' | 'hotp'>> = { 0: 'totp', 1: 'hotp', 2: 'totp' };
const URI_RE = /^otpauth-migration:\/\/offline\/?\?([^#]*)(?:#.*)?$/is;

interface RawParameters {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  counter: string;
}
interface RawPayload {
  otpParameters: RawParameters[];
  version: number;
  batchSize: number;
  batchIndex: number;
  batchId: number;
}

/** Parses one Google Authenticator export QR code; throws only FaktorError('invalid-migration'). */
export function parseMigrationUri(uri: string): MigrationBatch {
  if (typeof uri !== 'string') throw invalid('not a string');
  const text = uri.trim();
  if (text.length > MAX_MIGRATION_URI_LENGTH) throw invalid('too long');
  const m = URI_RE.exec(text);
  if (!m) throw invalid('not an otpauth-migration URI');
  const data = m[1]!.split('&').filter((p) => p.startsWith('data='));
  if (data.length !== 1) throw invalid('expected exactly one data parameter');
  let base64: string;
  try {
    // Percent-decoding only: in the raw (unescaped) form a '+' is base64, not a space.
    base64 = decodeURIComponent(data[0]!.slice('data='.length));
  } catch {
    throw invalid('bad percent escape');
  }
  const bytes = decodeBase64(base64);
  if (bytes === null || bytes.length === 0) throw invalid('data is not base64');

  let raw: RawPayload;
  try {
    checkLayout(bytes, PAYLOAD_WIRE, PARAMETERS_WIRE);
    raw = Payload.toObject(Payload.decode(bytes), {
      longs: String,
      defaults: true,
      arrays: true,
    }) as RawPayload;
  } catch (e) {
    if (e instanceof FaktorError) throw e;
    throw invalid('not a MigrationPayload');
  }

  if (raw.otpParameters.length === 0) throw invalid('no accounts');
  const batchSize = raw.batchSize === 0 ? 1 : raw.batchSize;
  if (batchSize < 0 || raw.batchIndex < 0 || raw.batchIndex >= batchSize)
    throw invalid('batch fields out of range');
  return {
    accounts: raw.otpParameters.map(toOtpParams),
    version: raw.version,
    batchSize,
    batchIndex: raw.batchIndex,
    batchId: raw.batchId,
  };
}

/** Builds an export URI the way Google Authenticator does; tests and e2e use it to make real-shaped exports. */
export function formatMigrationUri(
  accounts: readonly OtpParams[],
  batch: { batchSize: number; batchIndex: number; batchId: number } = {
    batchSize: 1,
    batchIndex: 0,
    batchId: 0,
  },
): string {
  const otpParameters = accounts.map((a) => {
    checkOtpParams(a);
    // The format has no period and only 6 or 8 digits: refuse rather than export something else.
    if (a.type === 'totp' && a.period !== 30)
      throw new FaktorError('invalid-parameter', 'period', { name: 'period' });
    if (a.digits !== 6 && a.digits !== 8)
      throw new FaktorError('invalid-parameter', 'digits', { name: 'digits' });
    return {
      secret: a.secret,
      name: joinLabel(a.issuer, a.label),
      issuer: a.issuer,
      algorithm: a.algorithm === 'SHA1' ? 1 : a.algorithm === 'SHA256' ? 2 : 3,
      digits: a.digits === 6 ? 1 : 2,
      type: a.type === 'hotp' ? 1 : 2,
      counter: a.type === 'hotp' ? a.counter : 0,
    };
  });
  const message = Payload.fromObject({ otpParameters, version: 1, ...batch });
  return `otpauth-migration://offline?data=${encodeURIComponent(encodeBase64(Payload.encode(message).finish()))}`;
}

/**
 * Walks the wire format before decoding, because protobufjs silently skips unknown fields and
 * trusts wire types. A field we do not know or with the wrong wire type means the layout is
 * corrupt: the sample in protocols.md §1.5 whose submessage length was not updated decodes to
 * `batch_id: 1` plus an unknown field 6, and must be refused rather than half-imported.
 */
function checkLayout(
  bytes: Uint8Array,
  layout: Readonly<Record<number, number>>,
  nested?: Readonly<Record<number, number>>,
): void {
  const reader = protobuf.Reader.create(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const field = tag >>> 3;
    const wire = tag & 7;
    if (layout[field] !== wire) throw invalid('unexpected field', { field });
    if (nested && field === 1) checkLayout(reader.bytes(), nested);
    else reader.skipType(wire);
  }
}

function toOtpParams(p: RawParameters, index: number): OtpParams {
  if (p.algorithm === ALGORITHM_MD5)
    throw invalid('MD5 is not supported', { account: index, reason: 'md5' });
  const algorithm = ALGORITHMS[p.algorithm];
  const digits = DIGITS[p.digits];
  const type = TYPES[p.type];
  if (algorithm === undefined || digits === undefined || type === undefined)
    throw invalid('unknown enum value', { account: index });
  if (p.secret.length === 0 || p.secret.length > MAX_SECRET_BYTES)
    throw invalid('secret length', { account: index });
  const counter = Number(p.counter);
  if (!Number.isSafeInteger(counter) || counter < 0)
    throw invalid('counter out of range', { account: index });
  const label = splitLabel(p.name);
  const params: OtpParams = {
    type,
    secret: Uint8Array.from(p.secret),
    algorithm,
    digits,
    period: 30,
    counter: type === 'hotp' ? counter : 0,
    issuer: safeName(p.issuer !== '' ? p.issuer : (label.issuer ?? ''), index),
    label: safeName(label.account, index),
  };
  // The vault's limits (issue #8): a batch the vault would refuse is refused here, with the same error.
  checkOtpParams(params);
  return params;
}

/** A decoded name, or 'invalid-migration' (reason 'unsafe-name') when it holds a control or bidi control (shared/text/names.ts). */
function safeName(text: string, index: number): string {
  if (hasUnsafeNameChar(text))
    throw invalid('control character in a name', { account: index, reason: 'unsafe-name' });
  return text;
}

function invalid(detail: string, params?: Record<string, string | number>): FaktorError {
  return new FaktorError('invalid-migration', detail, params);
}
