/**
 * JSON-schema building blocks of the API. Every object is closed (`additionalProperties: false`)
 * except the WebAuthn credential JSON, whose inner fields belong to the browser and the WebAuthn spec.
 */

/** The four data levels as the API spells them. */
export const LEVEL = {
  type: 'string',
  enum: ['basisregistrierung', 'niedrig', 'substanziell', 'hoch'],
  description: 'Vertrauensniveau',
} as const;
/** The three means levels. */
export const MEANS_LEVEL = { type: 'string', enum: ['niedrig', 'substanziell', 'hoch'] } as const;
/** Nullable means level (a session without any valid authentication). */
export const MEANS_LEVEL_OR_NULL = {
  type: ['string', 'null'],
  enum: ['niedrig', 'substanziell', 'hoch', null],
} as const;

/** Closed object helper. */
export function obj(
  properties: Record<string, unknown>,
  required: string[] = [],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return { type: 'object', additionalProperties: false, properties, required, ...extra };
}

/** Username: 3–64 characters, letters/digits and . _ - @ (unique, case-insensitive). */
export const USERNAME = {
  type: 'string',
  minLength: 3,
  maxLength: 64,
  pattern: '^[A-Za-z0-9._@-]+$',
} as const;
/** The USERNAME rule for page forms, which no JSON schema checks (one rule for both). */
export function isUsername(v: string): boolean {
  return (
    v.length >= USERNAME.minLength &&
    v.length <= USERNAME.maxLength &&
    new RegExp(USERNAME.pattern).test(v)
  );
}
/** A transaction id as the server makes them (16 random bytes, base64url): the shape every tx input must have. */
export const TX_PATTERN = '^[A-Za-z0-9_-]{22}$';
/** A transaction id in a body or path. */
export const TX = { type: 'string', pattern: TX_PATTERN } as const;
/** Password: 8–128 characters (ASVS 6.2.1/6.2.9), no composition rules. */
export const PASSWORD = { type: 'string', minLength: 8, maxLength: 128 } as const;
/** A uuid path parameter. */
export const ID = {
  type: 'string',
  minLength: 1,
  maxLength: 64,
  pattern: '^[A-Za-z0-9-]+$',
} as const;
/** Attribute name as the domain allows it. */
export const ATTRIBUTE_NAME = { type: 'string', pattern: '^[a-zA-Z][a-zA-Z0-9_-]{0,63}$' } as const;
/** Attribute map for account creation. */
export const ATTRIBUTES = {
  type: 'object',
  maxProperties: 40,
  propertyNames: ATTRIBUTE_NAME,
  additionalProperties: { type: 'string', maxLength: 500 },
  description:
    'Self-entered attributes (stored at Basisregistrierung). Minimum-data-set keys: familyName, givenNames, birthName, dateOfBirth, placeOfBirth, address; others e.g. phone, email.',
} as const;

/** The body-less POST: send `{}`. */
export const EMPTY_BODY = obj({}, [], { description: 'No fields; send {} (or no body at all).' });

/** WebAuthn credential JSON as produced by @simplewebauthn/browser (startRegistration/startAuthentication). */
export const WEBAUTHN_CREDENTIAL = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'rawId', 'response', 'type'],
  properties: {
    id: { type: 'string', maxLength: 1400 },
    rawId: { type: 'string', maxLength: 1400 },
    type: { type: 'string', const: 'public-key' },
    response: {
      type: 'object',
      additionalProperties: true,
      description:
        'clientDataJSON, attestationObject / authenticatorData + signature (+ userHandle), base64url',
    },
    clientExtensionResults: { type: 'object', additionalProperties: true },
    authenticatorAttachment: { type: 'string', enum: ['platform', 'cross-platform'] },
  },
} as const;

/** One session as GET /api/session and the overview show it. */
export const SESSION_VIEW = {
  type: 'object',
  additionalProperties: true,
  properties: {
    id: { type: 'string' },
    level: MEANS_LEVEL_OR_NULL,
    levelUntil: { type: ['number', 'null'] },
    endsAt: { type: ['number', 'null'] },
    levelRemainingSeconds: { type: ['number', 'null'] },
    remainingSeconds: { type: ['number', 'null'] },
    downgradedFrom: {
      ...MEANS_LEVEL_OR_NULL,
      description:
        'level a Table 2 limit lowered the session from (§4.3); null when not downgraded',
    },
    createdAt: { type: 'number' },
    lastActivityAt: { type: 'number' },
    authentications: { type: 'array', items: { type: 'object', additionalProperties: true } },
    current: { type: 'boolean' },
    csrfToken: { type: 'string' },
  },
} as const;

/** The common error body. */
export const ERROR_BODY = {
  type: 'object',
  description: 'Every error: a stable code, an English message, optional params/details.',
  properties: {
    error: {
      type: 'object',
      additionalProperties: true,
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        params: { type: 'object', additionalProperties: true },
        details: { type: 'array', items: { type: 'object', additionalProperties: true } },
      },
    },
  },
} as const;

/** Session answer after login/step-up: level and the CSRF token for later requests. */
export const ISSUED = {
  type: 'object',
  additionalProperties: true,
  properties: {
    csrfToken: {
      type: 'string',
      description: 'Send as X-CSRF-Token on every later POST/PUT/DELETE.',
    },
    session: SESSION_VIEW,
  },
} as const;
