/**
 * OpenAPI / validation schemas of the paired app's own API (device-routes.ts and its areas): the views
 * it answers with, the FaktorDevice header every route requires, and each route's schema.
 */
import { ID, TX, obj, EMPTY_BODY, WEBAUTHN_CREDENTIAL } from '../schemas';
import { ERRORS } from './common';

/** Tag of these routes in /openapi.json. */
export const DEVICE_TAG = 'Paired desktop app (Authorization: FaktorDevice)';

/** One means of the account view. */
const MEANS_VIEW = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    label: { type: ['string', 'null'] },
    level: { type: 'string' },
    status: { type: 'string', enum: ['active', 'pending', 'blocked'] },
    registeredAt: { type: 'number' },
    lastUsedAt: { type: ['number', 'null'] },
    thisDevice: { type: 'boolean' },
    credentialId: {
      type: 'string',
      description:
        'WebAuthn means only: the credential id (base64url), so the app can tell which plugged-in key it is',
    },
  },
} as const;

/** Which account at which server a device answer is about (the head of every device view). */
const ACCOUNT_REF = {
  v: { type: 'integer' },
  origin: { type: 'string' },
  account: { type: 'string' },
} as const;

/** The account as GET /api/device/account answers it. */
const ACCOUNT_VIEW = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...ACCOUNT_REF,
    accountName: { type: 'string' },
    rpId: { type: 'string', description: 'WebAuthn relying party id of the credentials' },
    maxLevel: { type: ['string', 'null'] },
    thisDevice: {
      type: 'object',
      additionalProperties: false,
      properties: { means: { type: 'string' }, status: { type: 'string' } },
    },
    means: { type: 'array', items: MEANS_VIEW },
    attributes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          name: { type: 'string' },
          value: { type: 'string' },
          level: { type: 'string' },
        },
      },
    },
  },
} as const;

/** One web session of GET /api/device/sessions. */
const SESSION_ROW = {
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string' },
    level: { type: 'string', enum: ['niedrig', 'substanziell', 'hoch'] },
    downgradedFrom: { type: ['string', 'null'] },
    startedAt: { type: 'number' },
    lastActivityAt: { type: 'number' },
    idleRemainingSeconds: {
      type: 'integer',
      description: 'until the idle limit of Table 2 for the current level lapses without input',
    },
    absoluteRemainingSeconds: {
      type: 'integer',
      description:
        'until the absolute limit of Table 2 for the current level lapses (counted from its authentication)',
    },
    endsInSeconds: {
      type: 'integer',
      description: 'until the session has no level left if idle (after downgrades)',
    },
    browser: {
      type: 'string',
      description:
        'User-Agent of the browser the session cookie was last issued to (≤ 120 chars; "" if unknown)',
    },
    ip: { type: 'string', description: 'its address ("" if unknown)' },
    latest: { type: 'boolean', description: 'the most recently active session' },
  },
} as const;

/** GET /api/device/sessions. */
const SESSIONS_VIEW = {
  type: 'object',
  additionalProperties: false,
  properties: {
    ...ACCOUNT_REF,
    sessions: { type: 'array', items: SESSION_ROW },
  },
} as const;

/** The FaktorDevice signature header every device route requires. */
const AUTH_HEADER = {
  type: 'object',
  required: ['authorization'],
  properties: {
    authorization: {
      type: 'string',
      maxLength: 400,
      description: 'FaktorDevice means="…", ts="…", nonce="…", sig="…" (docs/protocol.md)',
    },
  },
} as const;

/** The schema of each device route, keyed by what the route does. */
export const deviceSchemas = {
  account: {
    tags: [DEVICE_TAG],
    summary:
      'The account as the paired app shows it: maximum level, every means (this device marked), attributes with levels',
    headers: AUTH_HEADER,
    response: { 200: ACCOUNT_VIEW, ...ERRORS },
  },
  sessions: {
    tags: [DEVICE_TAG],
    summary:
      "The account's web sessions that still have a level, most recent first: level, Table 2 idle and absolute time left, start, browser/IP hint",
    description:
      'Only an active device may ask (409 means-blocked / means-pending otherwise). Reading is no user input: no session is touched.',
    headers: AUTH_HEADER,
    response: { 200: SESSIONS_VIEW, ...ERRORS },
  },
  blockMeans: {
    tags: [DEVICE_TAG],
    summary: 'Block any means of the account (§4.4: allowed from a lower level, without using it)',
    headers: AUTH_HEADER,
    params: obj({ id: ID }, ['id']),
    body: EMPTY_BODY,
    response: { 204: { type: 'null', description: 'Blocked' }, ...ERRORS },
  },
  removeSelf: {
    tags: [DEVICE_TAG],
    summary:
      "Remove this device's desktop-app means (uninstall or re-pair); not the account's last usable means",
    headers: AUTH_HEADER,
    body: EMPTY_BODY,
    response: { 204: { type: 'null', description: 'Removed' }, ...ERRORS },
  },
  keyOptions: {
    tags: [DEVICE_TAG],
    summary:
      'Security key registration, step 1: WebAuthn options (RP, user, create/get challenges, excluded ids) and the PIN-proof challenge',
    description:
      'Only an active desktop app; refused up front (403 insufficient-level) when desktop app + password would not reach the level §4.2 needs. Valid 5 minutes, single use.',
    headers: AUTH_HEADER,
    body: EMPTY_BODY,
    response: {
      200: {
        type: 'object',
        additionalProperties: true,
        description: 'KeyRegistrationOptions v1 (docs/protocol.md)',
      },
      ...ERRORS,
    },
  },
  keyRegistration: {
    tags: [DEVICE_TAG],
    summary:
      'Security key registration, step 2: attestation + confirming assertion + password + PIN proof → an active password+security-key means',
    description:
      'signature = approval key (PIN-bound) over {"type":"faktor-key-registration","v":1,"transaction","challenge","credential"}. ' +
      "Any wrong proof is the generic 401; a wrong PIN proof counts toward the desktop app's 3-failure block, a wrong password toward the login throttle. " +
      'The options are used up by the first attempt (a replay is 404).',
    headers: AUTH_HEADER,
    body: obj(
      {
        v: { type: 'integer', enum: [1] },
        tx: TX,
        label: { type: 'string', maxLength: 64 },
        password: { type: 'string', minLength: 1, maxLength: 128 },
        signature: { type: 'string', pattern: '^[A-Za-z0-9_-]{86}$' },
        registration: WEBAUTHN_CREDENTIAL,
        assertion: WEBAUTHN_CREDENTIAL,
      },
      ['v', 'tx', 'password', 'signature', 'registration', 'assertion'],
    ),
    response: {
      201: {
        type: 'object',
        additionalProperties: true,
        description:
          'KeyRegistrationResult v1 {v, meansId, kind, label, level, status, credentialId}',
      },
      ...ERRORS,
    },
  },
  events: {
    tags: [DEVICE_TAG],
    summary:
      'Server-sent events for this device: `approval` (ApprovalRequest JSON, with an `id:`), `resolved` ({tx, state}); a comment heartbeat every 15 s',
    description:
      'Pending requests are sent at once on connect. Reconnect with back-off; GET /api/device/events/poll is the long-poll fallback.',
    headers: AUTH_HEADER,
    response: { 200: { type: 'string', description: 'text/event-stream' }, ...ERRORS },
  },
  poll: {
    tags: [DEVICE_TAG],
    summary:
      'Long-poll fallback: the `approval` events of the stream as JSON; waits up to 25 s when there is none after `after`',
    description:
      'Without `after` every pending request; with `after` (the last event id seen) only newer ones.',
    headers: AUTH_HEADER,
    querystring: obj({ after: { type: 'string', pattern: '^[0-9]{1,15}$' } }, []),
    response: {
      200: {
        type: 'object',
        additionalProperties: false,
        properties: {
          events: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              properties: {
                id: { type: 'string' },
                type: { type: 'string', enum: ['approval'] },
                data: { type: 'string', description: 'ApprovalRequest JSON text' },
              },
            },
          },
        },
      },
      ...ERRORS,
    },
  },
  answer: {
    tags: [DEVICE_TAG],
    summary:
      'Answer a request: ApprovalAnswer {v, tx, number, decision, signature} signed with the approval key',
    description:
      'The path names the same tx as the body. A wrong number or a signature that does not verify (wrong PIN) is the generic 401 and counts toward the 3-failure block; deny-and-block blocks this means (§4.4).',
    headers: AUTH_HEADER,
    params: obj({ tx: TX }, ['tx']),
    body: {
      ...obj(
        {
          v: { type: 'integer', enum: [1] },
          tx: TX,
          number: { type: 'integer', minimum: 0, maximum: 99 },
          decision: { type: 'string', enum: ['approve', 'deny', 'deny-and-block'] },
          signature: { type: 'string', pattern: '^[A-Za-z0-9_-]{86}$' },
        },
        ['v', 'tx', 'number', 'decision', 'signature'],
      ),
      description:
        'ApprovalAnswer v1 (docs/protocol.md), checked again by shared/servicekonto/approval.ts',
    },
    response: {
      200: {
        type: 'object',
        additionalProperties: false,
        properties: { state: { type: 'string', enum: ['approved', 'denied'] } },
      },
      ...ERRORS,
    },
  },
};
