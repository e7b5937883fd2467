/** Neutral error codes → HTTP status. Every 4xx/5xx leaves the server as application/problem+json. */
const statusByCode = {
  validation_failed: 400,
  bad_request: 400,
  tenant_required: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_invalid: 403,
  not_found: 404,
  conflict: 409,
  duplicate: 409,
  invalid_transition: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  /** Well-formed input that refers to what does not exist or cannot be done (ids of another tenant, an invalid flow to publish). */
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof statusByCode;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
    /** A finer, stable machine code within `code` (e.g. routing's `agent_has_contacts`) for clients to word. */
    readonly reason?: string,
  ) {
    super(message);
    this.status = statusByCode[code];
  }
}

export function statusOf(code: ErrorCode): number {
  return statusByCode[code];
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
