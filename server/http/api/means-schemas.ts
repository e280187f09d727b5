/**
 * OpenAPI / validation schemas of the means routes (means-routes.ts): register (§4.2), WebAuthn
 * attestation, challenge, authenticate, block / unblock / remove (§4.4), eID.
 */
import { EMPTY_BODY, ID, ISSUED, MEANS_LEVEL, WEBAUTHN_CREDENTIAL, obj } from '../schemas';
import { ERRORS, TAGS } from './common';
import { API_REGISTRABLE_KINDS } from '../../app/means-service';

/** The means id in the path. */
const PARAMS = obj({ id: ID }, ['id']);

/** One proof with a means (step-up, confirmation, unblock). */
const PROOF = {
  ...obj(
    {
      code: {
        type: 'string',
        pattern: '^[0-9]{6,8}$',
        description: 'TOTP (6 digits), SMS code or desktop-app code (8 digits)',
      },
      response: {
        ...WEBAUTHN_CREDENTIAL,
        description:
          'WebAuthn assertion (navigator.credentials.get → @simplewebauthn/browser JSON)',
      },
      testIdentity: {
        type: 'string',
        maxLength: 32,
        description: 'eID means, test mode: the test identity',
      },
      password: {
        type: 'string',
        minLength: 1,
        maxLength: 128,
        description: 'unblock of the password means only',
      },
    },
    [],
    { minProperties: 1, maxProperties: 1 },
  ),
  examples: [{ code: '123456' }],
} as const;

/** What a challenge (SMS code, WebAuthn options, login QR) answers. */
const CHALLENGE = {
  type: 'object',
  additionalProperties: true,
  description:
    "{kind:'sms', sentTo, expiresAt} | {kind:'webauthn', options: PublicKeyCredentialRequestOptionsJSON} | {kind:'desktop-app', payload, qrSvg, expiresAt} | {kind:'none'}",
  properties: {
    kind: { type: 'string', enum: ['sms', 'webauthn', 'desktop-app', 'none'] },
    sentTo: { type: 'string' },
    expiresAt: { type: 'number' },
    options: { type: 'object', additionalProperties: true },
    payload: { type: 'string', description: 'desktop-app: the faktor-login QR payload' },
    qrSvg: { type: 'string', description: 'desktop-app: the QR as SVG' },
  },
} as const;

/** The schema of each means route, keyed by what the route does. */
export const meansSchemas = {
  register: {
    tags: [TAGS.means],
    summary:
      'Register a means (§4.2); it stays pending until you authenticate with it in this session',
    description:
      'Needs a session at ≥ the means level, or at the account maximum when that is lower (upgrade path). ' +
      'password+totp → otpauth URI + QR (confirm with POST /api/means/{id}/authenticate {code}); ' +
      'password+sms → a code goes to the SMS outbox (confirm the same way); ' +
      'password+security-key / platform-authenticator → creationOptions for navigator.credentials.create(), then POST /api/means/{id}/webauthn-registration, then authenticate. ' +
      'Levels (default policy): all four are substanziell. The eID has its own route POST /api/means/eid.',
    body: {
      ...obj(
        {
          kind: { type: 'string', enum: [...API_REGISTRABLE_KINDS] },
          label: { type: 'string', maxLength: 64 },
          phone: { type: 'string', pattern: '^\\+?[0-9 ]{6,20}$' },
        },
        ['kind'],
      ),
      examples: [
        { kind: 'password+totp', label: 'Authenticator app' },
        { kind: 'password+security-key', label: 'FIDO token' },
        { kind: 'password+sms', phone: '+49 151 1234567' },
      ],
    },
    response: {
      201: {
        type: 'object',
        additionalProperties: true,
        properties: {
          meansId: { type: 'string' },
          kind: { type: 'string' },
          level: MEANS_LEVEL,
          status: { type: 'string' },
          totp: { type: 'object', additionalProperties: true },
          sms: CHALLENGE,
          creationOptions: { type: 'object', additionalProperties: true },
        },
      },
      ...ERRORS,
    },
  },
  webauthnRegistration: {
    tags: [TAGS.means],
    summary:
      'WebAuthn: send the attestation (navigator.credentials.create result); answers with assertion options to confirm the means',
    params: PARAMS,
    body: obj({ response: WEBAUTHN_CREDENTIAL }, ['response']),
    response: { 200: CHALLENGE, ...ERRORS },
  },
  challenge: {
    tags: [TAGS.means],
    summary:
      'Challenge before proving a means: SMS code to the outbox, or WebAuthn request options',
    params: PARAMS,
    body: EMPTY_BODY,
    response: { 200: CHALLENGE, ...ERRORS },
  },
  authenticate: {
    tags: [TAGS.session, TAGS.means],
    summary:
      'Step-up / confirmation: prove the means in this session (TOTP code, SMS code, WebAuthn assertion, test eID)',
    description:
      'Password-bound kinds (password+…) count only after a valid password authentication in the same session (TR-03160-1 footnote 5). ' +
      'Confirms a pending means registered in this session (§4.2). Any wrong proof is the generic 401; three in a row block the means. ' +
      'TOTP codes are single-use (±1 step). The session cookie is rotated.',
    params: PARAMS,
    body: PROOF,
    response: { 200: ISSUED, ...ERRORS },
  },
  block: {
    tags: [TAGS.means],
    summary:
      'Block a means from any logged-in session, even at a lower level, without using it (§4.4)',
    params: PARAMS,
    body: EMPTY_BODY,
    response: { 204: { type: 'null', description: 'Blocked' }, ...ERRORS },
  },
  unblock: {
    tags: [TAGS.means],
    summary:
      'Unblock (§4.4): session at ≥ the means level without it, plus a proof with the blocked means itself',
    description: 'For SMS/WebAuthn call POST /api/means/{id}/challenge first.',
    params: PARAMS,
    body: PROOF,
    response: { 200: ISSUED, ...ERRORS },
  },
  remove: {
    tags: [TAGS.means],
    summary:
      'De-register a means (§4.4); needs the level registering it needs; attribute levels are capped at the new maximum',
    params: PARAMS,
    response: { 204: { type: 'null', description: 'Removed' }, ...ERRORS },
  },
  registerEid: {
    tags: [TAGS.means, TAGS.verify],
    summary:
      'Register the eID (Online-Ausweis) as means (hoch) and take over the minimum data set (Table 5)',
    description:
      'If the session is below the level §4.2 needs, a verification of the minimum data set replaces the missing authentication (§4.5) — only when the ' +
      'stored values match the eID (or the pseudonym is already known). Then the eID is registered, confirmed by this read-out, and the minimum data set ' +
      'is stored at hoch; other attributes are flagged for re-confirmation (§5.1). Test mode: testIdentity picks a Mustermann identity (GET /test/eid/identities).',
    body: {
      ...obj({ testIdentity: { type: 'string', maxLength: 32 } }, ['testIdentity']),
      examples: [{ testIdentity: 'erika' }],
    },
    response: {
      201: {
        ...ISSUED,
        properties: {
          ...ISSUED.properties,
          meansId: { type: 'string' },
          replacedAuthentication: { type: 'boolean' },
        },
      },
      ...ERRORS,
    },
  },
};
