import { createHash } from 'node:crypto';

const safePart = /^[A-Za-z0-9_.]{1,64}$/;

/**
 * A deterministic BullMQ job id: the same work always gets the same id, so adding it twice while
 * the first is pending is a no-op. Parts are joined with `-`; a part BullMQ would reject (a `:`),
 * or one that is long or free text (caller event ids), is replaced by a short SHA-256 prefix. The
 * leading kind keeps ids from ever being plain integers, which BullMQ reserves.
 */
export function jobId(kind: string, ...parts: readonly (string | number)[]): string {
  const encoded = parts.map((part) => {
    const text = String(part);
    return safePart.test(text) ? text : `h${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
  });
  return [kind, ...encoded].join('-');
}

/** A stable short digest of a list of ids, for batch jobs named by what they contain. */
export function digestOf(ids: readonly (string | number)[]): string {
  return createHash('sha256').update(ids.join(',')).digest('hex').slice(0, 20);
}
