import { type ErrorCode, errorCatalog } from './catalog.ts';

/** One field that failed validation: where it is and what is wrong with it. */
export interface FieldError {
  /** Where the field sits, e.g. `body.customers.3.id` or `query.limit`. */
  path: string;
  message: string;
}

/** Extra members a problem may carry besides the standard ones (e.g. `currentRevision`). */
export type ProblemExtensions = Record<string, unknown>;

/**
 * An error the API answers with on purpose. Throw it from a handler or a hook; the error handler
 * turns it into an `application/problem+json` response with the catalog's status and title.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly extensions: ProblemExtensions | undefined;

  constructor(
    code: ErrorCode,
    options: { detail?: string; errors?: FieldError[]; extensions?: ProblemExtensions; cause?: unknown } = {},
  ) {
    super(options.detail ?? errorCatalog[code].title, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalog[code].status;
    this.detail = options.detail;
    this.errors = options.errors;
    this.extensions = options.extensions;
  }
}

/** Shorthand for `new AppError(code, { detail, ...options })`. */
export function appError(
  code: ErrorCode,
  detail?: string,
  options: { errors?: FieldError[]; extensions?: ProblemExtensions } = {},
): AppError {
  return new AppError(code, { ...options, ...(detail === undefined ? {} : { detail }) });
}
