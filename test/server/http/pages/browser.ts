/**
 * A browser for page tests against a real server over HTTP: a cookie jar, Accept-Language, forms as
 * application/x-www-form-urlencoded, and `submit` that insists on post/redirect/get.
 */
import { expect } from 'vitest';

/** The `_csrf` value of the first form on a page. */
export const csrf = (page: string): string => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

/** One answer as the tests look at it. */
export interface PageAnswer {
  status: number;
  text: string;
  location: string | null;
  cookies: string[];
  headers: Headers;
}

/** A browser: cookie jar + Accept-Language, forms as application/x-www-form-urlencoded. */
export class Browser {
  private readonly jar = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly lang: 'de' | 'en',
  ) {}
  /** Takes over a cookie (e.g. the session an API client created). */
  seed(cookie: string | undefined): void {
    const [k, v] = (cookie ?? '').split('=');
    if (k && v) this.jar.set(k, v);
  }
  private async send(
    method: string,
    url: string,
    body?: Record<string, string>,
  ): Promise<PageAnswer> {
    const headers: Record<string, string> = {
      'accept-language': this.lang,
      cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(this.base + url, {
      method,
      headers,
      redirect: 'manual',
      ...(body ? { body: new URLSearchParams(body).toString() } : {}),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = (pair ?? '').split('=');
      if (!k) continue;
      if (v.join('=') && !/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c))
        this.jar.set(k, v.join('='));
      else this.jar.delete(k);
    }
    return {
      status: res.status,
      text: await res.text(),
      location: res.headers.get('location'),
      cookies: res.headers.getSetCookie(),
      headers: res.headers,
    };
  }
  /** True when the jar holds a cookie of that name. */
  has(name: string): boolean {
    return this.jar.has(name);
  }
  /** GET without following redirects. */
  get(url: string) {
    return this.send('GET', url);
  }
  /** A form POST without following redirects. */
  post(url: string, body: Record<string, string>) {
    return this.send('POST', url, body);
  }
  /** Posts a form as a browser does: the answer must be 303 See Other (post/redirect/get), then the GET it names. */
  async submit(
    url: string,
    body: Record<string, string>,
  ): Promise<{ status: number; text: string; url: string }> {
    const posted = await this.post(url, body);
    expect(posted.status, `${url} answers 303`).toBe(303);
    const target = posted.location ?? '';
    const page = await this.get(target);
    return { status: page.status, text: page.text, url: target };
  }
}

const unescape = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The payload text of the QR block with `testId` on a page ('' when absent). */
export const payloadOf = (page: string, testId: string): string =>
  unescape(new RegExp(`value="([^"]+)" data-testid="${testId}-payload"`).exec(page)?.[1] ?? '');
