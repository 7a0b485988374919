/**
 * The one error type services throw. `api/` maps `code` to an HTTP status,
 * `cli/` maps it to an exit code. Messages are one line and never contain
 * article text, names of people or secrets.
 */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FETCH_REFUSED'
  | 'FETCH_FAILED'
  | 'TOO_LARGE'
  | 'UNSUPPORTED_MEDIA'
  | 'INTEGRITY'
  | 'CONFIG'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'INTERNAL';

export class AppError extends Error {
  readonly code: ErrorCode;
  /** Machine-readable particulars (field names, limits, retry delays): ids and numbers, never names. */
  readonly details: Record<string, unknown> | undefined;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.details = options?.details;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
