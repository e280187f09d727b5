/**
 * The server-rendered pages (German and English, usable without JavaScript except WebAuthn). Every
 * route is a thin adapter: parse the form, call the service layer (server/app), redirect (303) or
 * render a template. No rule and no SQL lives here. The route kit (route-kit.ts) gives every area the
 * same CSRF check, error handling and post/redirect/get; each area has its own file.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../app';
import { accountPages } from './account-pages';
import { authPages } from './auth-pages';
import { desktopAppPages } from './desktop-app-pages';
import type { SafeHtml } from './html';
import { meansPages } from './means-pages';
import { createPageKit } from './route-kit';
import { testModePages } from './test-mode-pages';
import type { PageContext } from './view';

/** What the pages plugin needs from the app setup. */
export interface PagesOptions {
  services: Services;
  testMode: boolean;
  secureCookies: boolean;
  /** Minimum password length shown as a hint (the service enforces it). */
  minPasswordLength?: number;
  /** Extra sections at the end of the account overview (the OIDC services with their consents). */
  accountSections?: (accountId: string, page: PageContext) => Promise<SafeHtml>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const JS = 'text/javascript; charset=utf-8';
const ASSETS: Record<string, { file: string; type: string }> = {
  'pages.css': { file: path.join(here, 'assets', 'pages.css'), type: 'text/css; charset=utf-8' },
  'webauthn.js': { file: path.join(here, 'assets', 'webauthn.js'), type: JS },
  'local-time.js': { file: path.join(here, 'assets', 'local-time.js'), type: JS },
  // The library's own UMD bundle from node_modules (no CDN): defines window.SimpleWebAuthnBrowser.
  'simplewebauthn-browser.js': {
    file: path.join(
      path.dirname(createRequire(import.meta.url).resolve('@simplewebauthn/browser')),
      '..',
      'dist',
      'bundle',
      'index.umd.min.js',
    ),
    type: JS,
  },
};

/** Registers every page route on the app. */
export async function pagesPlugin(app: FastifyInstance, opts: PagesOptions): Promise<void> {
  const kit = createPageKit(app, opts);
  const assetCache = new Map<string, Buffer>();

  // ---- static assets (served files: the CSP allows no inline script or style) ----
  app.get('/assets/:name', async (request, reply) => {
    const name = kit.param(request, 'name');
    // Own keys only: 'constructor' or '__proto__' must be a 404, not Object.prototype's members (a 500).
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) return reply.status(404).send();
    let body = assetCache.get(asset.file);
    if (!body) {
      body = readFileSync(asset.file);
      assetCache.set(asset.file, body);
    }
    return reply.header('content-type', asset.type).header('cache-control', 'no-cache').send(body);
  });

  app.get('/', async (request, reply) =>
    reply.redirect(opts.services.sessions.peek(kit.token(request)) ? '/account' : '/login', 303),
  );

  const desktop = desktopAppPages(kit);
  authPages(kit, desktop);
  meansPages(kit, desktop);
  accountPages(kit, opts.accountSections);
  if (opts.testMode) testModePages(kit);
}
