/**
 * OpenAPI / validation schemas of the account routes (account-routes.ts): overview, attributes and
 * their verification (§5.1), identification (§6) and deletion (§7).
 */
import { ATTRIBUTE_NAME, EMPTY_BODY, ID, LEVEL, MEANS_LEVEL, SESSION_VIEW, obj } from '../schemas';
import { ERRORS, TAGS } from './common';

/** How an address can be verified (POST /api/verifications `method`). */
export const VERIFICATION_METHODS = ['email-code', 'email-link', 'de-mail', 'sms-code'] as const;

/** The schema of each account route, keyed by what the route does. */
export const accountSchemas = {
  overview: {
    tags: [TAGS.account],
    summary:
      'Overview: maximum level, attributes with levels, means with level/status/last use, sessions with remaining time',
    description:
      'attributes[].level is the usable level (capped by the account maximum, §5); storedLevel the stored one. Counts as user input (§4.3).',
    response: {
      200: {
        type: 'object',
        additionalProperties: true,
        properties: {
          id: { type: 'string' },
          username: { type: 'string' },
          maxLevel: { type: ['string', 'null'] },
          attributes: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: true,
              properties: {
                name: { type: 'string' },
                value: { type: 'string' },
                level: LEVEL,
                storedLevel: LEVEL,
              },
            },
          },
          means: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: true,
              properties: {
                id: { type: 'string' },
                kind: { type: 'string' },
                level: MEANS_LEVEL,
                status: { type: 'string' },
                lastUsedAt: { type: ['number', 'null'] },
              },
            },
          },
          session: SESSION_VIEW,
          sessions: { type: 'array', items: SESSION_VIEW },
          deletion: { type: 'object', additionalProperties: true },
        },
      },
      ...ERRORS,
    },
  },
  endSession: {
    tags: [TAGS.session],
    summary:
      "End another of the account's sessions (ids from GET /api/account → sessions[].id); ASVS 7.5.2",
    params: obj({ id: ID }, ['id']),
    body: EMPTY_BODY,
    response: { 204: { type: 'null', description: 'Ended' }, ...ERRORS },
  },
  setAttribute: {
    tags: [TAGS.account],
    summary: 'Enter or change an attribute yourself (stored at Basisregistrierung)',
    params: obj({ name: ATTRIBUTE_NAME }, ['name']),
    body: {
      ...obj({ value: { type: 'string', maxLength: 500 } }, ['value']),
      examples: [{ value: '+999 1234 567890' }],
    },
    response: { 204: { type: 'null', description: 'Stored' }, ...ERRORS },
  },
  settleAttributes: {
    tags: [TAGS.verify],
    summary:
      'Confirm (keep) or reject (delete) attributes flagged for re-confirmation after an eID takeover (§5.1)',
    body: {
      ...obj(
        {
          confirm: { type: 'array', items: ATTRIBUTE_NAME, maxItems: 50 },
          reject: { type: 'array', items: ATTRIBUTE_NAME, maxItems: 50 },
        },
        [],
        { minProperties: 1 },
      ),
      examples: [{ confirm: ['phone', 'email', 'deMail'] }],
    },
    response: { 204: { type: 'null', description: 'Done' }, ...ERRORS },
  },
  startVerification: {
    tags: [TAGS.verify],
    summary:
      'Verify an address (§5.1): a code goes to the e-mail or SMS outbox; its level is fixed now',
    description:
      'Level = min(route cap, session level, account max): e-mail and SMS at most niedrig, De-Mail at most substanziell (Tables 3, 4). ' +
      'The message names the username. Minimum-data-set attributes cannot be verified this way (eID only).',
    body: {
      ...obj(
        {
          attribute: ATTRIBUTE_NAME,
          value: { type: 'string', minLength: 3, maxLength: 254 },
          method: { type: 'string', enum: [...VERIFICATION_METHODS] },
        },
        ['attribute', 'value', 'method'],
      ),
      examples: [
        { attribute: 'email', value: 'x@y.z', method: 'email-code' },
        { attribute: 'deMail', value: 'erika.mustermann@anbieter.de-mail.de', method: 'de-mail' },
      ],
    },
    response: {
      201: obj({
        verificationId: { type: 'string' },
        level: MEANS_LEVEL,
        expiresAt: { type: 'number' },
      }),
      ...ERRORS,
    },
  },
  confirmVerification: {
    tags: [TAGS.verify],
    summary:
      'Confirm a verification with the code from the outbox (works without a session: asynchronous, §5.1)',
    params: obj({ id: ID }, ['id']),
    body: {
      ...obj({ code: { type: 'string', pattern: '^[0-9]{8}$' } }, ['code']),
      examples: [{ code: '12345678' }],
    },
    response: { 200: obj({ attribute: { type: 'string' }, level: LEVEL }), ...ERRORS },
  },
  verifyEid: {
    tags: [TAGS.verify],
    summary:
      'Verify the minimum data set with the eID in this session (§5.1 first case); level = min(hoch, session, account max)',
    body: {
      ...obj({ testIdentity: { type: 'string', maxLength: 32 } }, ['testIdentity']),
      examples: [{ testIdentity: 'erika' }],
    },
    response: { 204: { type: 'null', description: 'Verified' }, ...ERRORS },
  },
  identify: {
    tags: [TAGS.identify],
    summary: 'Identify to an online service (§6): each wanted attribute with its own level',
    description:
      'Refused (403 insufficient-level) when the session is below targetLevel. An attribute is released at level L only if the session and the attribute ' +
      'both reach L; basisregistrierung attributes are marked. Others are listed under withheld with a reason.',
    body: {
      ...obj(
        {
          service: { type: 'string', minLength: 1, maxLength: 200 },
          targetLevel: LEVEL,
          attributes: { type: 'array', items: ATTRIBUTE_NAME, minItems: 1, maxItems: 50 },
        },
        ['service', 'targetLevel', 'attributes'],
      ),
      examples: [
        {
          service: 'Wohngeld-Antrag',
          targetLevel: 'substanziell',
          attributes: ['familyName', 'givenNames', 'deMail'],
        },
      ],
    },
    response: {
      200: {
        type: 'object',
        additionalProperties: true,
        properties: {
          service: { type: 'string' },
          targetLevel: LEVEL,
          sessionLevel: MEANS_LEVEL,
          attributes: {
            type: 'array',
            items: obj({
              name: { type: 'string' },
              value: { type: 'string' },
              level: LEVEL,
              basisregistrierung: { type: 'boolean' },
            }),
          },
          withheld: {
            type: 'array',
            items: obj({
              name: { type: 'string' },
              reason: { type: 'string' },
              level: { type: ['string', 'null'] },
            }),
          },
        },
      },
      ...ERRORS,
    },
  },
  deleteAccount: {
    tags: [TAGS.account],
    summary: 'Delete the account (§7) after authentication at the level announced at creation',
    description:
      "'immediate' erases everything now; 'delayed' locks the account completely (no login) until eraseAt, then erases it.",
    body: {
      ...obj({ mode: { type: 'string', enum: ['immediate', 'delayed'] } }, ['mode']),
      examples: [{ mode: 'immediate' }],
    },
    response: {
      200: obj({ erased: { type: 'boolean' }, eraseAt: { type: ['number', 'null'] } }),
      ...ERRORS,
    },
  },
};
