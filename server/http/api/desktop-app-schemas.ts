/**
 * OpenAPI / validation schemas of the desktop-app routes (desktop-app-routes.ts): pairing QR,
 * enrolment, offline QR login and online approval (docs/protocol.md).
 */
import { EMPTY_BODY, ERROR_BODY, ID, ISSUED, MEANS_LEVEL, TX, USERNAME, obj } from '../schemas';
import { ERRORS, TAGS } from './common';

/** A P-256 public key of the app. */
const B64URL_KEY = {
  type: 'string',
  pattern: '^[A-Za-z0-9_-]{87}$',
  description: 'P-256 public key: base64url of the 65-byte uncompressed SEC1 point',
} as const;
/** A QR the browser shows. */
const SHOWN_QR = {
  payload: { type: 'string', description: 'the QR payload text (faktor-pair:… / faktor-login:…)' },
  qrSvg: { type: 'string', description: 'the same payload as an SVG QR code' },
  expiresAt: { type: 'number', description: 'ms since the epoch' },
} as const;

/** What the app sends to enrol. */
const ENROLL_BODY = {
  ...obj(
    {
      v: { type: 'integer', enum: [1] },
      token: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$', description: 'from the pairing QR' },
      approvalKey: {
        ...B64URL_KEY,
        description: 'verifies approval signatures; its secret key is PIN-encrypted in the app',
      },
      deviceKey: {
        ...B64URL_KEY,
        description: "verifies the app's own requests (Authorization: FaktorDevice …)",
      },
      ocraSecret: {
        type: 'string',
        pattern: '^[A-Za-z0-9_-]{43}$',
        description: '32-byte OCRA secret, base64url',
      },
      deviceName: { type: 'string', minLength: 1, maxLength: 64 },
    },
    ['v', 'token', 'approvalKey', 'deviceKey', 'ocraSecret', 'deviceName'],
  ),
  description:
    'EnrollmentRequest v1 (docs/protocol.md §Enrollment); checked again by shared/servicekonto/enrollment.ts (point on P-256, canonical base64url).',
} as const;

/** What the enrolment answers. */
const ENROLL_ANSWER = {
  type: 'object',
  additionalProperties: false,
  required: ['v', 'origin', 'account', 'accountName', 'means', 'level', 'status', 'ocraSuite'],
  properties: {
    v: { type: 'integer' },
    origin: { type: 'string' },
    account: { type: 'string' },
    accountName: { type: 'string' },
    means: { type: 'string', description: 'id of the new desktop-app means (this device)' },
    level: MEANS_LEVEL,
    status: { type: 'string', enum: ['pending'] },
    ocraSuite: { type: 'string' },
  },
} as const;

/** The answer of a started online approval in a session. */
const PUSHED = {
  201: {
    type: 'object',
    additionalProperties: false,
    properties: {
      tx: { type: 'string' },
      number: { type: 'integer' },
      expiresAt: { type: 'number' },
    },
  },
  ...ERRORS,
} as const;

/** The schema of each desktop-app route, keyed by what the route does. */
export const desktopAppSchemas = {
  startPairing: {
    tags: [TAGS.means],
    summary:
      'Desktop-App hinzufügen: a pairing QR with a one-time enrollment token (5 min, single use, bound to this session)',
    description:
      'Needs a session at ≥ the desktop-app level (substanziell by default), or at the account maximum when that is lower (§4.2). ' +
      'The app enrols with POST /api/pairing/enroll; the new means is pending until confirmed in THIS session: ' +
      'POST /api/means/{id}/challenge (→ a login QR) and POST /api/means/{id}/authenticate {code} with the code the app shows.',
    body: EMPTY_BODY,
    response: {
      201: {
        type: 'object',
        additionalProperties: false,
        properties: { ...SHOWN_QR, level: MEANS_LEVEL },
      },
      ...ERRORS,
    },
  },
  enroll: {
    tags: [TAGS.means],
    summary:
      'The desktop app enrols (called by Faktor, not by the browser): stores its public keys and OCRA secret as a pending means',
    description:
      'An unknown, used or expired token, or one whose web session has ended, is 410 enrollment-invalid (one answer for all).',
    body: ENROLL_BODY,
    response: {
      201: ENROLL_ANSWER,
      410: { ...ERROR_BODY, description: 'enrollment-invalid' },
      ...ERRORS,
    },
  },
  startLogin: {
    tags: [TAGS.session],
    summary:
      'Offline QR login, step 1: a login QR (faktor-login:…) for the username, valid 2 minutes',
    description:
      'An unknown username gets a QR of the same shape; the login then fails like any wrong code.',
    body: { ...obj({ username: USERNAME }, ['username']), examples: [{ username: 'erika' }] },
    response: {
      201: {
        type: 'object',
        additionalProperties: false,
        properties: { tx: { type: 'string' }, ...SHOWN_QR },
      },
      ...ERRORS,
    },
  },
  finishLogin: {
    tags: [TAGS.session],
    summary:
      'Offline QR login, step 2: the 8-digit code the app shows (→ the desktop-app level, substanziell by default)',
    description:
      'Accepted once, before the QR expires. Any failure is the generic 401; 3 consecutive wrong codes block the desktop-app means (TR-03107-1 W4).',
    body: {
      ...obj({ tx: TX, code: { type: 'string', pattern: '^[0-9]{8}$' } }, ['tx', 'code']),
      examples: [{ tx: 'p0Vt7cW1m2Qx9KzL4sYb8A', code: '24215000' }],
    },
    response: { 200: ISSUED, ...ERRORS },
  },
  startPush: {
    tags: [TAGS.session],
    summary:
      'Online approval, step 1: sends a request to every paired app of the account; show `number` in the browser (number matching)',
    description:
      'Expires after 2 minutes. At most 3 unanswered requests per account at a time (429). An unknown username gets the same shape.',
    body: { ...obj({ username: USERNAME }, ['username']), examples: [{ username: 'erika' }] },
    response: PUSHED,
  },
  pushStatus: {
    tags: [TAGS.session],
    summary:
      'Online approval, step 2 (poll): pending | denied | expired, or approved → the session cookie (issued once)',
    body: obj({ tx: TX }, ['tx']),
    response: {
      200: {
        type: 'object',
        additionalProperties: true,
        properties: {
          state: { type: 'string', enum: ['pending', 'approved', 'denied', 'expired'] },
          csrfToken: { type: 'string' },
          session: { type: 'object', additionalProperties: true },
        },
      },
      ...ERRORS,
    },
  },
  startSessionPush: {
    tags: [TAGS.session],
    summary:
      'Online approval in this session: step-up with one desktop app (meansId) or every active one (no meansId), or the §4.2 confirmation of a pending one this session enrolled',
    description:
      'Show `number` in the browser; the app(s) get the request on their event stream. Complete it with POST /api/session/desktop-app/push/status in this session.',
    body: obj({ meansId: ID }, []),
    response: PUSHED,
  },
  sessionPushStatus: {
    tags: [TAGS.session],
    summary:
      'Online approval in this session (poll): pending | denied | expired, or approved → the authentication is recorded in this session and the cookie rotated (once)',
    description: 'Not counted as user input (§4.3). A request of another session reads as expired.',
    body: obj({ tx: TX }, ['tx']),
    response: {
      200: {
        type: 'object',
        additionalProperties: true,
        properties: {
          state: { type: 'string', enum: ['pending', 'approved', 'denied', 'expired'] },
          number: { type: 'integer' },
          expiresAt: { type: 'number' },
          csrfToken: { type: 'string' },
          session: { type: 'object', additionalProperties: true },
        },
      },
      ...ERRORS,
    },
  },
};
