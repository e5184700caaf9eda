/** The one error type services throw. Each edge translates it once. */
export const appErrorCodes = [
  "unauthenticated",
  "not_found",
  "forbidden",
  "invalid",
  "conflict",
  "rate_limited",
  "quota_exceeded",
] as const;

export type AppErrorCode = (typeof appErrorCodes)[number];

export type FieldErrors = Record<string, string[]>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Per-field messages for forms, keyed by input name. */
  readonly fieldErrors?: FieldErrors;
  /** Seconds until a rate-limited caller may retry. */
  readonly retryAfter?: number;

  constructor(
    code: AppErrorCode,
    message: string,
    extra: { fieldErrors?: FieldErrors; retryAfter?: number } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = extra.fieldErrors;
    this.retryAfter = extra.retryAfter;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** HTTP status for each code, used by route handlers. */
export const httpStatusOf: Record<AppErrorCode, number> = {
  unauthenticated: 401,
  not_found: 404,
  forbidden: 403,
  invalid: 400,
  conflict: 409,
  rate_limited: 429,
  quota_exceeded: 402,
};
