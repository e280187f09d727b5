/**
 * Property test of the JSON API over real HTTP (fast-check): arbitrary JSON bodies — shaped like the
 * route's body (its field names with arbitrary values, plus stray keys) or not shaped at all — and
 * non-JSON bodies under various content types, sent to every public POST route and to several
 * authenticated ones. Every answer must be a 4xx with the typed error body, never a 5xx (the
 * exceptions: a body that happens to be a valid account creation gets its 201, a valid verification
 * request its 201, a valid identification its 200, an empty re-confirmation list its 204 — none
 * touches the watched account); afterwards
 * `PRAGMA integrity_check` is ok and the watched account (its means, attributes, hashes) is unchanged.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccount, startTestServer, type Client, type TestServer } from './client';
import { integrityCheck } from '../../../server/store/db';

let t: TestServer;
let victim: Client;
let victimId: string;
let passwordMeansId: string;
let verificationId: string;

beforeAll(async () => {
  // Cheap Argon2id: this tests input handling, not hashing cost.
  t = await startTestServer({ argon2MemoryKiB: 1024 });
  victim = await newAccount(t.url, 'victim.fuzz', {
    familyName: 'Mustermann',
    email: 'victim@example.org',
  });
  const o = await victim.get<{ id: string; means: { id: string; kind: string }[] }>('/api/account');
  victimId = o.body.id;
  passwordMeansId = (o.body.means.find((m) => m.kind === 'password') as { id: string }).id;
  const v = await victim.post<{ verificationId: string }>('/api/verifications', {
    attribute: 'email',
    value: 'victim@example.org',
    method: 'email-code',
  });
  verificationId = v.body.verificationId;
});
afterAll(async () => t.stop());

/** A route with the field names its schema knows (so generated bodies get past the first checks). */
interface Route {
  path: () => string;
  fields: string[];
  auth: boolean;
  /** A success that is the right answer to a valid request (a new account; an empty re-confirmation) — the victim stays as it was. */
  ok?: number;
  /** A valid request may add a means that stays pending (§4.2); existing means must not change. */
  addsPending?: boolean;
}

const ROUTES: Record<string, Route> = {
  'POST /api/accounts': {
    path: () => '/api/accounts',
    fields: ['username', 'password', 'blockPassword', 'attributes'],
    auth: false,
    ok: 201,
  },
  'POST /api/login': {
    path: () => '/api/login',
    fields: ['username', 'password', 'totp', 'meansId'],
    auth: false,
  },
  'POST /api/login/eid': { path: () => '/api/login/eid', fields: ['testIdentity'], auth: false },
  'POST /api/login/mds': {
    path: () => '/api/login/mds',
    fields: ['username', 'testIdentity'],
    auth: false,
  },
  'POST /api/block': {
    path: () => '/api/block',
    fields: ['username', 'blockPassword', 'meansId', 'kind'],
    auth: false,
  },
  'POST /api/verifications/{id}/confirm': {
    path: () => `/api/verifications/${verificationId}/confirm`,
    fields: ['code'],
    auth: false,
  },
  // A valid generated body ({"kind":"password+totp"}) registers a pending means: 201, nothing existing changes.
  'POST /api/means': {
    path: () => '/api/means',
    fields: ['kind', 'label', 'phone'],
    auth: true,
    ok: 201,
    addsPending: true,
  },
  'POST /api/means/{pw}/authenticate': {
    path: () => `/api/means/${passwordMeansId}/authenticate`,
    fields: ['code', 'response', 'testIdentity', 'password'],
    auth: true,
  },
  'POST /api/means/{pw}/unblock': {
    path: () => `/api/means/${passwordMeansId}/unblock`,
    fields: ['code', 'response', 'testIdentity', 'password'],
    auth: true,
  },
  // A valid generated body starts a verification (201: a pending row, the account itself unchanged) or
  // reads an identification (200) — the right answers, not holes.
  'POST /api/verifications': {
    path: () => '/api/verifications',
    fields: ['attribute', 'value', 'method'],
    auth: true,
    ok: 201,
  },
  'POST /api/identify': {
    path: () => '/api/identify',
    fields: ['service', 'targetLevel', 'attributes'],
    auth: true,
    ok: 200,
  },
  'POST /api/account/delete': { path: () => '/api/account/delete', fields: ['mode'], auth: true },
  'POST /api/account/attributes/reconfirm': {
    path: () => '/api/account/attributes/reconfirm',
    fields: ['confirm', 'reject'],
    auth: true,
    ok: 204,
  }, // {"confirm":[]} is a valid no-op
};

/** Values that often pass a field's schema (so requests reach the services), mixed with arbitrary JSON. */
const plausible = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.stringMatching(/^[0-9]{6}$|^[0-9]{8}$/),
  fc.stringMatching(/^[a-z][a-z0-9.-]{2,20}$/),
  // Near misses of the victim's credentials, never the real ones: with the real ones a rare draw is a
  // valid login or Sperrung, which is right but not what this property is about.
  fc.constantFrom(
    'victim.fuzz',
    'correct horse batterY',
    'sperr-passwort-2025',
    'hoch',
    'niedrig',
    'basisregistrierung',
    'all',
    'password+totp',
    'password+sms',
    'eid',
    'delayed-ish',
    'email',
    'email-code',
    'sms-code',
    'de-mail',
    'familyName',
    'erika',
    'max',
    '+49 151 1234567',
    '',
  ),
  fc.array(fc.constantFrom('familyName', 'email', 'phone', 'x'), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Arbitrary JSON: a body with the route's own keys (any subset, plausible or arbitrary values), with stray keys, or anything. */
function jsonBody(fields: string[]): fc.Arbitrary<unknown> {
  const own = fc.record(Object.fromEntries(fields.map((f) => [f, plausible])), {
    requiredKeys: [],
  });
  const stray = fc.dictionary(
    fc.oneof(fc.constantFrom(...fields), fc.string({ maxLength: 12 })),
    plausible,
    { maxKeys: fields.length + 2 },
  );
  return fc.oneof(
    { arbitrary: own, weight: 5 },
    { arbitrary: stray, weight: 1 },
    { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 1 },
  );
}

/** Non-JSON or broken JSON under some content type. */
const rawBody = fc.record({
  type: fc.constantFrom(
    'application/json',
    'application/json; charset=utf-8',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
  ),
  body: fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.constantFrom(
      '{',
      '{"username":',
      'null',
      '[]',
      '"x"',
      'username=a&password=b',
      '<a/>',
      '\u0000\u0001',
    ),
  ),
});

type ErrBody = { error?: { code?: unknown; message?: unknown } };

/**
 * Snapshot of what must not change: the account aggregate, its hashes and credentials. With
 * `withoutNewPending`, means that are pending and not in `keep` are left out (a valid registration).
 */
function snapshot(keep?: ReadonlySet<string>): string {
  const ctx = t.server.services.ctx;
  const found = ctx.accounts.byId(victimId);
  const acc =
    found && keep
      ? { ...found, means: found.means.filter((m) => keep.has(m.id) || m.status !== 'pending') }
      : found;
  return JSON.stringify({
    acc,
    hashes: ctx.accounts.hashes(victimId),
    creds: acc?.means.map((m) => ctx.accounts.credential(m.id)),
  });
}

/** Ids of the victim's means right now. */
function meansIds(): ReadonlySet<string> {
  return new Set(t.server.services.ctx.accounts.byId(victimId)?.means.map((m) => m.id) ?? []);
}

async function send(
  route: Route,
  body: string,
  type: string,
): Promise<{ status: number; parsed: ErrBody; text: string }> {
  const headers: Record<string, string> = { 'content-type': type };
  if (route.auth) {
    headers.cookie = victim.cookie as string;
    headers['x-csrf-token'] = victim.csrf as string;
  }
  const res = await fetch(t.url + route.path(), { method: 'POST', headers, body });
  const text = await res.text();
  let parsed: ErrBody;
  try {
    parsed = JSON.parse(text) as ErrBody;
  } catch {
    parsed = {};
  }
  return { status: res.status, parsed, text };
}

function expectTypedClientError(
  name: string,
  r: { status: number; parsed: ErrBody; text: string },
  sent: string,
  ok?: number,
): void {
  const where = `${name} ← ${sent.slice(0, 200)} → ${r.status} ${r.text.slice(0, 200)}`;
  if (ok !== undefined && r.status === ok) return;
  expect(r.status, where).toBeGreaterThanOrEqual(400);
  expect(r.status, where).toBeLessThan(500);
  expect(typeof r.parsed.error?.code, where).toBe('string');
  expect(typeof r.parsed.error?.message, where).toBe('string');
}

describe('arbitrary bodies to every public POST route and to authenticated ones', () => {
  for (const [name, route] of Object.entries(ROUTES)) {
    it(`${name}: always a typed 4xx, never 5xx; database sound and the account unchanged`, async () => {
      const before = meansIds();
      const initial = snapshot(route.addsPending ? before : undefined);
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            jsonBody(route.fields).map((b) => ({
              type: 'application/json',
              body: JSON.stringify(b),
            })),
            rawBody,
          ),
          async ({ type, body }) => {
            const r = await send(route, body, type);
            expectTypedClientError(name, r, `${type} ${body}`, route.ok);
          },
        ),
        { numRuns: 100 },
      );
      expect(integrityCheck(t.server.db)).toBe('ok');
      expect(snapshot(route.addsPending ? before : undefined)).toBe(initial);
      // The victim's session still works (nothing above logged it out or locked the account).
      expect((await victim.get('/api/session')).status).toBe(200);
    });
  }
});
