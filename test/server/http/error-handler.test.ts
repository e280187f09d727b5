/**
 * The one error handler of the API (server/http/error-handler.ts): a bug in a handler — a plain Error —
 * becomes `internal` with status 500 and a body that says nothing about it, while the operator's log
 * gets the error (message, stack, request id) and none of the request's secrets. Refusals with a code
 * (a service's ServiceError, a domain rule's DomainError) get their status from the one table
 * (error-status.ts), whoever threw them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '../../../server/app';
import { DomainError } from '../../../server/domain';
import { ERROR_STATUS } from '../../../server/http/error-status';
import { BLOCK_PASSWORD, Client, PASSWORD, startTestServer, type TestServer } from './client';
import { logCapture } from './log-capture';

/** What the failing route throws: a developer's message that must stay in the log, out of the answer. */
const BUG = 'cannot read the frobnicator of undefined (bug-7f3a)';

let t: TestServer;
const { stream: logStream, lines } = logCapture();

beforeAll(async () => {
  t = await startTestServer({
    logLevel: 'info',
    logStream,
    plugins: [
      (app) => {
        app.post('/extra/bug', async () => {
          throw new Error(BUG);
        });
        app.post('/extra/domain-refusal', async () => {
          throw new DomainError('last-means', 'the developer detail stays inside', {
            meansId: 'm-1',
          });
        });
        app.post('/extra/service-refusal', async () => {
          throw new ServiceError('enrollment-invalid');
        });
      },
    ],
  });
});
afterAll(async () => t.stop());

/** A logged-in client: the failing request then carries a session cookie and a CSRF token. */
async function loggedIn(username: string): Promise<Client> {
  const c = new Client(t.url);
  const created = await c.post('/api/accounts', {
    username,
    password: PASSWORD,
    blockPassword: BLOCK_PASSWORD,
  });
  expect(created.status).toBe(201);
  return c;
}

describe('an unexpected error in a handler', () => {
  it('answers 500 internal with the fixed body only: no message, no stack', async () => {
    const c = await loggedIn('buggy1');
    const r = await c.req('POST', '/extra/bug', { password: PASSWORD, code: '12345678' });
    expect(r.status).toBe(500);
    expect(r.body).toEqual({ error: { code: 'internal', message: 'Internal error.' } });
    const raw = JSON.stringify(r.body);
    for (const leak of ['frobnicator', 'bug-7f3a', 'at ', '.ts:', 'Error'])
      expect(raw).not.toContain(leak);
  });

  it('is logged once at error level with message, stack and request id, but without the request’s secrets', async () => {
    const c = await loggedIn('buggy2');
    lines.length = 0;
    await c.req('POST', '/extra/bug', {
      password: PASSWORD,
      blockPassword: BLOCK_PASSWORD,
      code: '87654321',
    });
    const entries = lines
      .join('')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            level: number;
            msg: string;
            reqId?: string;
            err?: { message?: string; stack?: string };
          },
      );
    const errors = entries.filter((e) => e.msg === 'unhandled error');
    expect(errors).toHaveLength(1);
    const [entry] = errors;
    expect(entry?.level).toBe(50); // pino's "error"
    expect(entry?.reqId).toBeTruthy();
    expect(entry?.err?.message).toBe(BUG);
    expect(entry?.err?.stack).toContain(BUG);
    const all = lines.join('');
    for (const secret of [PASSWORD, BLOCK_PASSWORD, '87654321', c.cookie!.split('=')[1]!, c.csrf!])
      expect(all).not.toContain(secret);
  });
});

describe('a refusal with a code', () => {
  it('from a domain rule gets the status of its code and keeps its params, never its developer detail', async () => {
    const r = await new Client(t.url).post('/extra/domain-refusal');
    expect(r.status).toBe(409);
    expect(r.body).toEqual({
      error: { code: 'last-means', message: 'last-means', params: { meansId: 'm-1' } },
    });
    expect(JSON.stringify(r.body)).not.toContain('developer detail');
  });

  it('from a service gets the status of its code', async () => {
    const r = await new Client(t.url).post('/extra/service-refusal');
    expect(r.status).toBe(410);
    expect(r.body).toEqual({
      error: { code: 'enrollment-invalid', message: 'enrollment-invalid' },
    });
  });

  it('maps every code to a client error, except the operator’s invalid policy', () => {
    for (const [code, status] of Object.entries(ERROR_STATUS)) {
      if (code === 'invalid-policy') expect(status).toBe(500);
      else expect(status >= 400 && status < 500, `${code} → ${status}`).toBe(true);
    }
  });
});
