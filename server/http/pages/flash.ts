/**
 * Post/redirect/get for the pages: every form POST answers 303 to a GET page, so Back and Reload never
 * resubmit a form. What the next page must show (a notice, field errors, the safe values the user
 * typed — never passwords or codes) travels in a one-time cookie, sealed with AES-256-GCM under a
 * per-install key: the browser cannot read or forge it, it is bound to the page it is for, read once
 * and cleared, and expires after a minute. A cookie rather than a query parameter keeps names and
 * addresses out of the URL, the history and the logs; rather than the session, it also works before
 * login (register, login, block form) and on several stateless nodes.
 *
 * It is also bound to the browser and single use (issue #9 review item 6): the sealed payload names a
 * per-browser random kept in its own HttpOnly cookie (`sk_fb`), so a flash taken from one browser, or
 * planted by a sibling subdomain on plain http, shows nothing in another; and each flash has an id the
 * process remembers once taken, so the same cookie value sent again within its minute shows nothing.
 */
import { createCipheriv, createDecipheriv, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import type { MessageKey } from '../../i18n';
import { cookieName, readCookie } from '../session-cookie';

/** Name of the flash cookie (without the __Host- prefix). */
export const FLASH_COOKIE = 'sk_flash';
const MAX_AGE_S = 60;
/** Browsers keep cookies up to 4096 bytes; values are dropped first when a flash would not fit. */
const MAX_COOKIE_CHARS = 3500;
const MAX_VALUE_CHARS = 500;
/** Cookie with this browser's random the flash is bound to (no Max-Age: gone when the browser closes). */
const BIND_COOKIE = 'sk_fb';
/** Most taken flash ids remembered (each for its minute); beyond it a flash is dropped rather than risk a replay. */
const MAX_TAKEN = 100_000;

/** A message by key, translated when the page renders (so the language switch still applies). */
export interface FlashText {
  key: MessageKey;
  params?: Readonly<Record<string, string | number>>;
}

/** What one redirect carries to the page it lands on. */
export interface Flash {
  notices?: readonly (FlashText & { kind: 'ok' | 'error' | 'info' })[];
  /** Field id → its error. */
  errors?: Readonly<Record<string, FlashText>>;
  /** Field name → what the user typed (never a password or a code). */
  values?: Readonly<Record<string, string>>;
}

interface Sealed extends Flash {
  /** The path of the page this flash is for. */
  for: string;
  at: number;
  /** The browser's binding random (`sk_fb`). */
  b: string;
  /** Random id: taken once. */
  id: string;
}

const sameText = (a: unknown, b: string | undefined): boolean =>
  typeof a === 'string' &&
  b !== undefined &&
  a.length === b.length &&
  timingSafeEqual(Buffer.from(a), Buffer.from(b));

function seal(key: Buffer, data: Sealed): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(data), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.');
}

function unseal(key: Buffer, value: string): Sealed | undefined {
  const [iv, tag, body] = value.split('.').map((p) => Buffer.from(p, 'base64url'));
  if (!iv || !tag || !body || iv.length !== 12 || tag.length !== 16) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    const parsed: unknown = JSON.parse(
      Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8'),
    );
    return parsed && typeof parsed === 'object' ? (parsed as Sealed) : undefined;
  } catch {
    return undefined;
  }
}

/** The flash cookie codec of one install (key from the install secrets). */
export class FlashCookies {
  /**
   * `claimOnce(id, until, now)` is true the first time an id is taken and remembers it until `until`
   * (the server passes its ephemeral store, shared by all nodes; the default remembers in this object).
   */
  constructor(
    private readonly key: Buffer,
    private readonly secure: boolean,
    private readonly now: () => number = Date.now,
    private readonly claimOnce: (
      id: string,
      until: number,
      now: number,
    ) => boolean = memoryClaims(),
  ) {}

  /** Answers 303 See Other to `url`, carrying `flash` to that page (in this browser only). */
  redirect(reply: FastifyReply, url: string, flash: Flash = {}): FastifyReply {
    if (flash.notices?.length || flash.errors || flash.values) {
      const bind = this.binding(reply);
      const target = url.split('?')[0] ?? '/';
      const values = Object.fromEntries(
        Object.entries(flash.values ?? {}).map(([k, v]) => [k, v.slice(0, MAX_VALUE_CHARS)]),
      );
      const base = {
        for: target,
        at: this.now(),
        b: bind,
        id: randomBytes(16).toString('base64url'),
      };
      let sealed = seal(this.key, { ...flash, values, ...base });
      if (sealed.length > MAX_COOKIE_CHARS)
        sealed = seal(this.key, { ...flash, values: {}, ...base });
      reply.setCookie(cookieName(FLASH_COOKIE, this.secure), sealed, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: this.secure,
        maxAge: MAX_AGE_S,
      });
    }
    return reply.redirect(url, 303);
  }

  /** The flash for this page, if any: read once (the cookie is cleared, the id remembered), never another page's or another browser's. */
  take(request: FastifyRequest, reply: FastifyReply): Flash | undefined {
    const raw = readCookie(request, FLASH_COOKIE);
    if (!raw) return undefined;
    const data = unseal(this.key, raw);
    const path = request.url.split('?')[0] ?? '/';
    const now = this.now();
    if (data && data.for !== path && now - data.at < MAX_AGE_S * 1000) return undefined;
    reply.clearCookie(cookieName(FLASH_COOKIE, this.secure), {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secure,
    });
    if (
      !data ||
      now - data.at >= MAX_AGE_S * 1000 ||
      !sameText(data.b, readCookie(request, BIND_COOKIE)) ||
      !this.takeOnce(data.id, data.at + MAX_AGE_S * 1000, now)
    )
      return undefined;
    return {
      ...(data.notices ? { notices: data.notices } : {}),
      ...(data.errors ? { errors: data.errors } : {}),
      ...(data.values ? { values: data.values } : {}),
    };
  }

  /** This browser's binding random: the one its request carries, else a new one set on the reply. */
  private binding(reply: FastifyReply): string {
    const have = readCookie(reply.request, BIND_COOKIE);
    if (have && /^[A-Za-z0-9_-]{22}$/.test(have)) return have;
    const fresh = randomBytes(16).toString('base64url');
    reply.setCookie(cookieName(BIND_COOKIE, this.secure), fresh, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secure,
    });
    return fresh;
  }

  /** True the first time `id` is taken. */
  private takeOnce(id: unknown, until: number, now: number): boolean {
    return typeof id === 'string' && this.claimOnce(id, until, now);
  }
}

/** Taken ids remembered in memory (MAX_TAKEN at most, each until its minute ends). */
function memoryClaims(): (id: string, until: number, now: number) => boolean {
  const taken = new Map<string, number>();
  return (id, until, now) => {
    if (taken.has(id)) return false;
    for (const [k, end] of taken) {
      if (end > now) break;
      taken.delete(k);
    }
    if (taken.size >= MAX_TAKEN) return false;
    taken.set(id, until);
    return true;
  };
}
