/** Postgres SQLSTATE of a unique violation. */
const UNIQUE_VIOLATION = '23505';

/**
 * Whether `error` (or the driver error drizzle wrapped in it) is a unique-constraint violation,
 * optionally on a specific constraint. Works for node-postgres and PGlite errors alike.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const candidate = e as { code?: unknown; constraint?: unknown };
    if (candidate.code === UNIQUE_VIOLATION)
      return constraint === undefined || candidate.constraint === constraint;
  }
  return false;
}
