import type { ErrorCode } from '../domain/errors.js';

/** Exit codes (sysexits-style where one fits). 1 = some inputs failed. */
export const EXIT = {
  OK: 0,
  PARTIAL_FAILURE: 1,
  USAGE: 2,
  INTEGRITY: 3,
  NOT_FOUND: 4,
  FETCH: 5,
  INTERNAL: 70,
  TEMPORARY: 75,
  NO_PERMISSION: 77,
  CONFIG: 78,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'INVALID_INPUT':
    case 'UNSUPPORTED_MEDIA':
    case 'TOO_LARGE':
      return EXIT.USAGE;
    case 'NOT_FOUND':
      return EXIT.NOT_FOUND;
    case 'FETCH_REFUSED':
    case 'FETCH_FAILED':
      return EXIT.FETCH;
    case 'INTEGRITY':
      return EXIT.INTEGRITY;
    case 'CONFIG':
      return EXIT.CONFIG;
    case 'CONFLICT':
      return EXIT.PARTIAL_FAILURE;
    case 'UNAUTHENTICATED':
    case 'FORBIDDEN':
      return EXIT.NO_PERMISSION;
    case 'RATE_LIMITED':
      return EXIT.TEMPORARY;
    default:
      return EXIT.INTERNAL;
  }
}
