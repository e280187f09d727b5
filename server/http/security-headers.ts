/**
 * Security headers on every response (ASVS 5.0 V3.4): nosniff, no framing, no referrer, a strict CSP
 * (pages load scripts and styles only from this origin, never inline), and no caching of API answers.
 * A route may set its own Content-Security-Policy first (e.g. a page that needs one extra source).
 */
import type { FastifyInstance } from 'fastify';

/** The default CSP for pages; JSON answers get an even stricter `default-src 'none'`. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Adds the headers in an onSend hook. */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    const type = String(reply.getHeader('content-type') ?? '');
    if (!reply.hasHeader('Content-Security-Policy')) {
      reply.header(
        'Content-Security-Policy',
        type.startsWith('text/html') ? PAGE_CSP : "default-src 'none'; frame-ancestors 'none'",
      );
    }
    // Decided on the matched route, not the URL text (the router decodes `/%61pi/…` to `/api/…`);
    // unmatched requests (404) are not cached either. The API plugin sets no-store on its own too.
    const route = request.routeOptions.url;
    if (route === undefined || route.startsWith('/api/') || route.startsWith('/test/'))
      reply.header('Cache-Control', 'no-store');
    return payload;
  });
}
