/**
 * A minimal browser for page tests over real HTTP: a cookie jar, Accept-Language, forms sent as
 * application/x-www-form-urlencoded, redirects not followed (the tests check each hop), plus helpers
 * that read a page's CSRF field and a QR's payload text.
 */

/** One answer as the tests look at it. */
export interface PageAnswer {
  status: number;
  text: string;
  location: string | null;
  headers: Headers;
}

/** Cookie jar + language, against one server. */
export class Browser {
  private readonly jar = new Map<string, string>();
  constructor(
    readonly base: string,
    readonly lang: 'de' | 'en',
  ) {}

  /** Puts a `name=value` cookie (e.g. a session from the JSON API) into the jar. */
  seed(cookie: string | undefined): void {
    const [k, v] = (cookie ?? '').split('=');
    if (k && v) this.jar.set(k, v);
  }

  /** True when the jar holds a cookie of that name. */
  has(name: string): boolean {
    return this.jar.has(name);
  }

  private async send(method: string, url: string, body?: Record<string, string>): Promise<PageAnswer> {
    const headers: Record<string, string> = { 'accept-language': this.lang, cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(this.base + url, { method, headers, redirect: 'manual', ...(body ? { body: new URLSearchParams(body).toString() } : {}) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = (pair ?? '').split('=');
      if (!k) continue;
      if (v.join('=') && !/Max-Age=0|Expires=Thu, 01 Jan 1970/i.test(c)) this.jar.set(k, v.join('='));
      else this.jar.delete(k);
    }
    return { status: res.status, text: await res.text(), location: res.headers.get('location'), headers: res.headers };
  }

  /** GET without following redirects. */
  get(url: string): Promise<PageAnswer> {
    return this.send('GET', url);
  }

  /** POST a form without following redirects. */
  post(url: string, body: Record<string, string>): Promise<PageAnswer> {
    return this.send('POST', url, body);
  }
}

/** The `_csrf` value of the first form on a page ('' when there is none). */
export const csrf = (page: string): string => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

const unescape = (s: string): string => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The payload text of the QR block with `testId` on a page ('' when absent). */
export const payloadOf = (page: string, testId: string): string => unescape(new RegExp(`value="([^"]+)" data-testid="${testId}-payload"`).exec(page)?.[1] ?? '');
