import { z } from 'zod';
import { problemSchema } from '../errors/problem.ts';

/**
 * Error answers every route documents: any 4xx or 5xx is a problem+json body from the catalog.
 * Spread into a route's `response` beside its success schemas.
 */
const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: problemSchema } },
});

export const errorResponses = {
  '4xx': problemResponse('The request was refused: see `code` and `errors`'),
  '5xx': problemResponse('The server could not answer; the request id is in `requestId`'),
} as const;

/** `:id` of a resource. Unknown or malformed ids both answer 404 from the handler. */
export const idParams = z.object({ id: z.string().min(1).max(200) });

/** Cursor paging: `limit` items after `cursor` (opaque, from the previous page's `nextCursor`). */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

/** A page of items; `nextCursor` is null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** An empty success answer. */
export const noContent = z.null().describe('No content');

/** True when `value` looks like a UUID, so lookups by malformed ids answer 404 without a query. */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
