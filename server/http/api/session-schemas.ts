/**
 * OpenAPI / validation schemas of the session routes (session-routes.ts): account creation, logins,
 * logout, session status and the public block-password form.
 */
import {
  ATTRIBUTES,
  EMPTY_BODY,
  ID,
  ISSUED,
  PASSWORD,
  SESSION_VIEW,
  USERNAME,
  obj,
} from '../schemas';
import { ERRORS, TAGS } from './common';
import { MEANS_KINDS } from '../../domain';

/** The schema of each session route, keyed by what the route does. */
export const sessionSchemas = {
  createAccount: {
    tags: [TAGS.account],
    summary: 'Create an account (§3) and log in with its password (session niedrig)',
    description:
      'Self-entered attributes land at Basisregistrierung; the username+password means is niedrig; the block password (Sperrpasswort) ' +
      'lets the user block means later without logging in (§4.4). The answer tells which level deleting the account needs (§7) and sets the session cookie.',
    body: {
      ...obj(
        { username: USERNAME, password: PASSWORD, blockPassword: PASSWORD, attributes: ATTRIBUTES },
        ['username', 'password', 'blockPassword'],
      ),
      examples: [
        {
          username: 'erika',
          password: 'correct horse battery',
          blockPassword: 'sperr-passwort-2024',
          attributes: {
            familyName: 'Mustermann',
            birthName: 'Gabler',
            givenNames: 'Erika',
            phone: '+999 1234 567890',
          },
        },
      ],
    },
    response: {
      201: {
        description:
          'Created; Set-Cookie sk_session. deletionNotice.levelNow = level deletion needs (§7).',
        type: 'object',
        additionalProperties: true,
        properties: {
          accountId: { type: 'string' },
          csrfToken: { type: 'string' },
          session: SESSION_VIEW,
          deletionNotice: { type: 'object', additionalProperties: true },
        },
      },
      ...ERRORS,
    },
  },
  login: {
    tags: [TAGS.session],
    summary:
      'Log in with username + password (→ niedrig), optionally with a TOTP code in the same request (→ substanziell)',
    description:
      'Any failure — unknown user, wrong password, wrong TOTP, blocked means, account in deletion — is the same 401 authentication-failed. ' +
      'Failures are throttled per username and per IP (429 + Retry-After). A new session id is issued on every login.',
    body: {
      ...obj(
        {
          username: { type: 'string', minLength: 1, maxLength: 64 },
          password: { type: 'string', minLength: 1, maxLength: 128 },
          totp: { type: 'string', pattern: '^[0-9]{6}$' },
          meansId: ID,
        },
        ['username', 'password'],
      ),
      examples: [
        { username: 'erika', password: 'correct horse battery' },
        { username: 'erika', password: 'correct horse battery', totp: '123456' },
      ],
    },
    response: { 200: ISSUED, ...ERRORS },
  },
  eidLogin: {
    tags: [TAGS.session],
    summary: 'Log in with a registered eID alone (→ hoch); test mode: the test eID provider',
    description:
      'The account is resolved from the eID pseudonym only after the eID authentication succeeded (§4).',
    body: {
      ...obj({ testIdentity: { type: 'string', maxLength: 32 } }, ['testIdentity']),
      examples: [{ testIdentity: 'erika' }],
    },
    response: { 200: ISSUED, ...ERRORS },
  },
  mdsLogin: {
    tags: [TAGS.session, TAGS.verify],
    summary:
      'Recovery (§4.5, §4.4): username + eID identification instead of an authentication, when every means is blocked or lost',
    description:
      'Succeeds only if the stored eID pseudonym or the whole stored minimum data set matches the eID. The session then counts at min(hoch, highest registered means), ' +
      'enough to unblock a means with POST /api/means/{id}/unblock and its own proof (the password means: {"password": "…"}). Generic 401 otherwise; throttled.',
    body: {
      ...obj(
        {
          username: { type: 'string', minLength: 1, maxLength: 64 },
          testIdentity: { type: 'string', maxLength: 32 },
        },
        ['username', 'testIdentity'],
      ),
      examples: [{ username: 'erika.mustermann', testIdentity: 'erika' }],
    },
    response: { 200: ISSUED, ...ERRORS },
  },
  logout: {
    tags: [TAGS.session],
    summary: 'Log out: ends every authentication of this session (§4.3)',
    body: EMPTY_BODY,
    response: { 204: { description: 'Logged out; cookie cleared.', type: 'null' }, ...ERRORS },
  },
  session: {
    tags: [TAGS.session],
    summary: 'Current session: level, remaining time (Table 2), CSRF token',
    description:
      'Reading it does not count as user input, so polling does not extend the idle limit.',
    response: {
      200: {
        ...SESSION_VIEW,
        properties: {
          ...SESSION_VIEW.properties,
          accountId: { type: 'string' },
          username: { type: 'string' },
        },
      },
      ...ERRORS,
    },
  },
  blockWithPassword: {
    tags: [TAGS.means],
    summary:
      'Public block form (§4.4): block one means, every means of a kind, or all, with the block password — no login, the means is not used',
    description:
      'Name at most one of meansId (one means) and kind (every active or pending means of that kind; "all" = every usable means, including the password). ' +
      'Without either, every usable means is blocked. The block password is checked once (Argon2id); every failure — unknown user, wrong block password, ' +
      'nothing usable to block — is the same generic 401 after the same work, throttled like login (429 + Retry-After).',
    body: {
      ...obj(
        {
          username: { type: 'string', minLength: 1, maxLength: 64 },
          blockPassword: { type: 'string', minLength: 1, maxLength: 128 },
          meansId: ID,
          kind: { type: 'string', enum: [...MEANS_KINDS, 'all'] },
        },
        ['username', 'blockPassword'],
        { not: { required: ['meansId', 'kind'] } },
      ),
      examples: [
        { username: 'erika', blockPassword: 'sperr-passwort-2024' },
        { username: 'erika', blockPassword: 'sperr-passwort-2024', kind: 'password+security-key' },
      ],
    },
    response: {
      200: {
        type: 'object',
        additionalProperties: false,
        properties: {
          blocked: {
            type: 'array',
            items: { type: 'string' },
            description: 'ids of the means now blocked',
          },
        },
      },
      ...ERRORS,
    },
  },
};
