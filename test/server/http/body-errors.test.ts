/**
 * Unreadable bodies get plain words a tester with curl understands — not fastify's internal error
 * code — and the body itself (here a password) is never echoed back.
 */
import { describe, expect, it } from 'vitest';
import { useTestServer } from './use-test-server';

const t = useTestServer({ options: { argon2MemoryKiB: 1024 } });

async function post(body: string): Promise<{
  status: number;
  text: string;
  json: { error?: { code?: string; message?: string } };
}> {
  const res = await fetch(`${t.url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: JSON.parse(text) as { error?: { code?: string; message?: string } },
  };
}

describe('API: unreadable JSON bodies', () => {
  it('broken JSON → 400 invalid-request "The body is not valid JSON.", without echoing the body', async () => {
    const r = await post('{"username":"erika","password":"Geheim-Passwort-123');
    expect(r.status).toBe(400);
    expect(r.json.error).toEqual({
      code: 'invalid-request',
      message: 'The body is not valid JSON.',
    });
    expect(r.text).not.toContain('Geheim');
  });

  it('no fastify-internal code reaches the client for any unreadable body', async () => {
    for (const body of ['Geheim-Passwort-456', '{', '[1,', '"unterminated']) {
      const r = await post(body);
      expect(r.status, body).toBe(400);
      expect(r.json.error?.code, body).toBe('invalid-request');
      expect(r.json.error?.message, body).not.toMatch(/FST_|Geheim/);
    }
  });
});
