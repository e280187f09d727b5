/**
 * A tiny cookie-keeping "browser" for the OIDC integration tests: follows redirects and our
 * meta-refresh pages, submits the server's own forms (hidden fields included) and stops when it
 * reaches the relying party's redirect URI. It tracks the site of each navigation so SameSite=Strict
 * cookies are left out of cross-site arrivals, as Chromium does (the e2e runs real Chromium).
 */

/** The page a navigation ended on. */
export interface Page {
  url: string;
  status: number;
  text: string;
}

/** One cookie jar, one user agent. */
export class MiniBrowser {
  private readonly jar = new Map<string, { value: string; strict: boolean }>();
  /** Every URL requested, in order (tests assert the path the flow took). */
  readonly visited: string[] = [];

  constructor(private readonly stopAt: string) {}

  private cookieHeader(sameSite: boolean): string {
    return [...this.jar.entries()]
      .filter(([, c]) => sameSite || !c.strict)
      .map(([k, c]) => `${k}=${c.value}`)
      .join('; ');
  }

  private keep(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired =
        attrs.some(
          (a) => /^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now(),
        ) || value === '';
      if (expired) this.jar.delete(name);
      else this.jar.set(name, { value, strict: attrs.some((a) => /samesite=strict/i.test(a)) });
    }
  }

  /**
   * Navigates (GET, or POST with a form body) and follows 30x and meta refresh until a page without
   * either, or the relying party's redirect URI. `crossSite` marks an arrival from another site.
   */
  async go(
    url: string,
    opts: { form?: Record<string, string | string[]>; crossSite?: boolean } = {},
  ): Promise<Page> {
    let current = url;
    let body: URLSearchParams | undefined;
    if (opts.form) {
      body = new URLSearchParams();
      for (const [k, v] of Object.entries(opts.form))
        for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    }
    let sameSite = !opts.crossSite;
    for (let hops = 0; hops < 30; hops++) {
      this.visited.push(current);
      if (current.startsWith(this.stopAt)) return { url: current, status: 0, text: '' };
      const res = await fetch(current, {
        method: body ? 'POST' : 'GET',
        redirect: 'manual',
        headers: {
          cookie: this.cookieHeader(sameSite),
          'accept-language': 'de',
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(body ? { body } : {}),
      });
      this.keep(res);
      body = undefined;
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        current = new URL(location, current).href;
        continue; // a redirect keeps the chain's site (cross-site stays cross-site)
      }
      const text = await res.text();
      const refresh = /<meta http-equiv="refresh" content="0;url=([^"]+)">/.exec(text);
      if (refresh?.[1]) {
        current = new URL(refresh[1].replace(/&amp;/g, '&'), current).href;
        sameSite = true; // our own page navigates: same-site from here
        continue;
      }
      return { url: current, status: res.status, text };
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** Submits the form whose action starts with `actionPrefix` on `page`, with its hidden fields plus `fields`. */
  async submit(
    page: Page,
    actionPrefix: string,
    fields: Record<string, string | string[]>,
  ): Promise<Page> {
    const forms = [...page.text.matchAll(/<form[^>]*? action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/g)];
    const form = forms.find((f) => (f[1] ?? '').replace(/&amp;/g, '&').startsWith(actionPrefix));
    if (!form)
      throw new Error(`no form ${actionPrefix} on ${page.url}: ${page.text.slice(0, 300)}`);
    const hidden: Record<string, string | string[]> = {};
    for (const m of (form[2] ?? '').matchAll(
      /<input type="hidden" name="([^"]+)" value="([^"]*)"\s*\/?>/g,
    ))
      hidden[m[1] as string] = (m[2] as string).replace(/&amp;/g, '&');
    return this.go(new URL((form[1] as string).replace(/&amp;/g, '&'), page.url).href, {
      form: { ...hidden, ...fields },
    });
  }

  /** A cookie's value (tests check that the session cookie went away). */
  cookie(name: string): string | undefined {
    return this.jar.get(name)?.value;
  }
}
