import { z } from 'zod';
import type { AppError } from './app-error.ts';
import { type ErrorCode, errorCatalog } from './catalog.ts';

/** Media type of every error response (RFC 9457). */
export const problemContentType = 'application/problem+json';

/**
 * The body of every error response. `code` is the stable catalog code, `title` its planner-facing
 * message, `detail` the specifics of this occurrence, `errors` one entry per invalid field.
 * Extension members (like `currentRevision` on a conflict) are allowed.
 */
export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'An error, as application/problem+json (RFC 9457).' });

export type Problem = z.infer<typeof problemSchema>;

/** Stable identifier of an error type; a URN because there is no public page to point at. */
export function problemType(code: ErrorCode): string {
  return `urn:waymark:error:${code}`;
}

/** Builds the response body for an AppError. */
export function toProblem(error: AppError): Problem {
  return {
    ...error.extensions,
    type: problemType(error.code),
    title: errorCatalog[error.code].title,
    status: error.status,
    code: error.code,
    ...(error.detail === undefined ? {} : { detail: error.detail }),
    ...(error.errors === undefined ? {} : { errors: error.errors }),
  };
}
