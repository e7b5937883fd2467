import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError, statusOf, type ErrorCode, type FieldError } from './app-error.js';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  reason?: string;
  errors?: FieldError[];
}

const titles: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests',
  500: 'Internal Server Error', 503: 'Service Unavailable',
};

export function sendProblem(reply: FastifyReply, status: number, code: string, detail: string, errors?: FieldError[], reason?: string) {
  const body: ProblemBody = { type: `https://madoguchi.dev/problems/${code}`, title: titles[status] ?? 'Error', status, code, detail };
  if (reason) body.reason = reason;
  if (errors && errors.length > 0) body.errors = errors;
  return reply.status(status).type('application/problem+json; charset=utf-8').send(body);
}

// Fastify's own client errors keep their 4xx status; we give them stable neutral codes.
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_CSRF_INVALID_TOKEN: 'csrf_invalid',
  FST_CSRF_MISSING_SECRET: 'csrf_invalid',
};

function zodIssuesToFieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
}

/** The 404 for unknown routes, as problem+json. */
export const sendNotFoundProblem = (request: FastifyRequest, reply: FastifyReply) =>
  sendProblem(reply, 404, 'not_found', `No route for ${request.method} ${request.url.split('?')[0]}`);

/**
 * Every error leaves as problem+json; input errors are 4xx with what was wrong, never a 500.
 * Fastify allows one not-found handler per instance: an app that serves the console sets its own
 * (SPA fallback) and passes `notFound: false`.
 */
export function registerProblemHandlers(app: FastifyInstance, opts: { notFound?: boolean } = {}) {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) return sendProblem(reply, err.status, err.code, err.message, err.errors, err.reason);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const errors = err.validation.map((v) => ({
        path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid',
      }));
      return sendProblem(reply, 400, 'validation_failed', `Invalid request ${where}: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, errors);
    }
    if (err instanceof ZodError) {
      const errors = zodIssuesToFieldErrors(err);
      return sendProblem(reply, 400, 'validation_failed', 'Invalid input', errors);
    }
    if (err.statusCode === 429) return sendProblem(reply, 429, 'rate_limited', 'Too many requests; try again later');
    const mapped = err.code ? fastifyCodes[err.code] : undefined;
    if (mapped) return sendProblem(reply, statusOf(mapped), mapped, err.message);
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(reply, err.statusCode, 'bad_request', err.message);
    }
    request.log.error({ err, reqId: request.id }, 'unhandled error');
    return sendProblem(reply, 500, 'internal', 'An internal error occurred');
  });

  if (opts.notFound !== false) app.setNotFoundHandler(sendNotFoundProblem);
}
