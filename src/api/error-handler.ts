import type { FastifyError, FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError, type ErrorCode } from '../domain/errors.js';
import type { Logger } from '../logger.js';

/**
 * One error shape for every failure, ours or fastify's:
 *
 *   { "error": { "code": "INVALID_INPUT", "message": "…", "details": { "issues": [ … ] } } }
 *
 * `code` is an AppError code (stable, for programs), `message` one line for people,
 * `details` optional particulars. Internal errors say only "internal error": the cause is logged.
 */
export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'stable machine-readable code, e.g. INVALID_INPUT, UNAUTHENTICATED, FORBIDDEN' }),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const HTTP_STATUS: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA: 415,
  FETCH_REFUSED: 422,
  RATE_LIMITED: 429,
  INTEGRITY: 500,
  CONFIG: 500,
  INTERNAL: 500,
  FETCH_FAILED: 502,
};

const BY_STATUS: Record<number, ErrorCode> = {
  400: 'INVALID_INPUT',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  406: 'UNSUPPORTED_MEDIA',
  409: 'CONFLICT',
  413: 'TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA',
  429: 'RATE_LIMITED',
};

/** Fastify's and its plugins' own errors, with messages of ours (theirs can be vague). */
const FASTIFY_ERRORS: Record<string, { code: ErrorCode; status: number; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_INPUT', status: 400, message: 'the body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_INPUT', status: 400, message: 'the body is empty but Content-Type says JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'INVALID_INPUT', status: 400, message: 'Content-Length does not match the body' },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'TOO_LARGE', status: 413, message: 'the request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA', status: 415, message: 'send application/json (or multipart/form-data for uploads)' },
  FST_REQ_FILE_TOO_LARGE: { code: 'TOO_LARGE', status: 413, message: 'the uploaded file is too large' },
  FST_FILES_LIMIT: { code: 'TOO_LARGE', status: 413, message: 'upload one file per request' },
  FST_PARTS_LIMIT: { code: 'TOO_LARGE', status: 413, message: 'too many form parts' },
  FST_FIELDS_LIMIT: { code: 'TOO_LARGE', status: 413, message: 'too many form fields' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { code: 'UNSUPPORTED_MEDIA', status: 415, message: 'the request is not multipart/form-data' },
  FST_PROTO_VIOLATION: { code: 'INVALID_INPUT', status: 400, message: 'forbidden form field name' },
};

export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

export function toErrorResponse(e: unknown): { status: number; body: ErrorBody } {
  if (e instanceof AppError) {
    return { status: HTTP_STATUS[e.code] ?? 500, body: { error: { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) } } };
  }
  const fe = e as Partial<FastifyError> & { validation?: { instancePath?: string; message?: string; keyword?: string; params?: Record<string, unknown> }[] };
  if (Array.isArray(fe.validation)) {
    // Paths and rule names only: never the submitted values, which may hold names of people.
    const part = fe.validationContext ?? 'body';
    const issues = fe.validation.map((v) => ({
      in: part,
      path: v.instancePath || '/',
      message: v.message ?? 'invalid',
      ...(v.keyword === 'unrecognized_keys' && Array.isArray(v.params?.keys) ? { unknownFields: v.params.keys } : {}),
    }));
    const first = issues[0];
    return {
      status: 400,
      body: { error: { code: 'INVALID_INPUT', message: `invalid ${part}${first ? ` at ${first.path}: ${first.message}` : ''}`, details: { issues } } },
    };
  }
  const known = fe.code ? FASTIFY_ERRORS[fe.code] : undefined;
  if (known) return { status: known.status, body: { error: { code: known.code, message: known.message } } };
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  const code = BY_STATUS[status];
  if (status >= 400 && status < 500 && code) return { status, body: { error: { code, message: fe.message ?? code } } };
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'internal error' } } };
}

export function installErrorHandling(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((e, request, reply) => {
    const { status, body } = toErrorResponse(e);
    if (status >= 500) logger.error({ err: e, reqId: request.id, route: request.routeOptions.url }, 'request failed');
    const retry = body.error.details?.retryAfterSeconds;
    if (status === 429 && typeof retry === 'number') reply.header('retry-after', String(retry));
    return reply.status(status).type('application/json; charset=utf-8').send(body);
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .status(404)
      .type('application/json; charset=utf-8')
      .send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` } } satisfies ErrorBody),
  );
}
