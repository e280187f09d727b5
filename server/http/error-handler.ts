/**
 * One error shape for the whole API: `{ "error": { "code", "message", "params"?, "details"? } }`.
 * Validation failures are 400 'validation' with the failing paths; a service's or domain rule's error
 * keeps its code and gets its status from the one table (error-status.ts); throttling is 429 with
 * Retry-After; anything unexpected is a 500 'internal' that leaks nothing (logged for the operator).
 * No route catches to translate: routes and services throw, this handler answers.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { isCodedError, ThrottledError } from '../app';
import { drainThenClose } from './drain';
import { statusOf } from './error-status';

/** English one-liners per code (the pages translate codes themselves). */
const MESSAGES: Record<string, string> = {
  'authentication-failed': 'Authentication failed.',
  'too-many-attempts': 'Too many failed attempts; retry later.',
  validation: 'The request does not match the schema.',
  csrf: 'Missing or wrong CSRF token (send the X-CSRF-Token header from GET /api/session).',
  'not-authenticated': 'No valid session; log in first.',
  'insufficient-level': 'The session level is too low for this action.',
  'username-taken': 'This username is taken.',
  'unsupported-media-type': 'Send the body as application/json.',
  'unknown-host': 'This server does not answer for that Host name (see --allowed-hosts).',
  conflict: 'The account changed at the same time; repeat the request.',
  internal: 'Internal error.',
};

/** Plain words for fastify's body-reading errors (never fastify's internal code, never the body). */
const BODY_ERRORS: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The body is empty; send a JSON object.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The body is too large.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The Content-Length does not match the body.',
};

/** Installs the error and not-found handlers. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, request, reply) => {
    if (err instanceof ThrottledError) {
      reply.header('Retry-After', String(err.retryAfterSeconds));
      return reply.code(429).send({
        error: {
          code: 'too-many-attempts',
          message: MESSAGES['too-many-attempts'],
          params: { retryAfterSeconds: err.retryAfterSeconds },
        },
      });
    }
    if (isCodedError(err)) {
      return reply.code(statusOf(err.code)).send({
        error: {
          code: err.code,
          message: MESSAGES[err.code] ?? err.code,
          ...(err.params ? { params: err.params } : {}),
        },
      });
    }
    const fe = (typeof err === 'object' && err !== null ? err : {}) as Partial<FastifyError>;
    if (fe.validation) {
      return reply.code(400).send({
        error: {
          code: 'validation',
          message: MESSAGES.validation,
          details: fe.validation.map((v) => ({
            in: fe.validationContext ?? 'body',
            path: v.instancePath || '/',
            keyword: v.keyword,
            message: v.message ?? '',
            params: v.params,
          })),
        },
      });
    }
    if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.code(415).send({
        error: { code: 'unsupported-media-type', message: MESSAGES['unsupported-media-type'] },
      });
    }
    if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') drainThenClose(request, reply);
      const message = (fe.code && BODY_ERRORS[fe.code]) ?? 'The request could not be read.';
      return reply.code(fe.statusCode).send({ error: { code: 'invalid-request', message } });
    }
    request.log.error(
      { err: { message: fe.message, code: fe.code, stack: fe.stack } },
      'unhandled error',
    );
    return reply.code(500).send({ error: { code: 'internal', message: MESSAGES.internal } });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({
      error: {
        code: 'not-found',
        message: `No route ${request.method} ${request.url.split('?')[0]}`,
      },
    });
  });
}
