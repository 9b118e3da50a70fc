import type { Db } from '@waymark/db';
import { defaultTimeZone, type JourneyGraph } from '@waymark/journey';
import { z } from 'zod';

export const timelineDaySchema = z
  .object({
    day: z.string().describe('Calendar day in the journey’s time zone (YYYY-MM-DD)'),
    entered: z.number().int(),
    converted: z.number().int(),
    value: z.number().describe('Sum of the day’s conversion values'),
  })
  .meta({ id: 'JourneyDay' });
export type TimelineDay = z.infer<typeof timelineDaySchema>;

const dayMs = 86_400_000;

/**
 * Entries and conversions per day over the last `days` days (today included), in the journey's
 * time zone, with a row for every day so a chart needs no gap filling. Entries come from the
 * engine's hourly counts of its entry nodes, conversions from the conversions table.
 */
export async function journeyTimeline(
  db: Db,
  options: { journeyId: string; version: number | undefined; graph: JourneyGraph; days: number; now: Date },
): Promise<TimelineDay[]> {
  const { journeyId, version, graph, days, now } = options;
  const timeZone = graph.settings?.timeZone ?? defaultTimeZone;
  const targeted = new Set(graph.edges.map((edge) => edge.target));
  const entryNodes = graph.nodes
    .filter((n) => n.type.startsWith('trigger.') && !targeted.has(n.id))
    .map((n) => n.id);
  // A day more than asked for: a local day can start before the UTC one.
  const since = new Date(now.getTime() - (days + 1) * dayMs);
  const rows = await db.query<{ day: string; entered: number; converted: number; value: number }>(
    `WITH entered AS (
       SELECT to_char(hour AT TIME ZONE $4, 'YYYY-MM-DD') AS day, sum(passed)::float8 AS n
         FROM journey_node_counts
        WHERE journey_id = $1 AND ($2::int IS NULL OR version = $2) AND hour >= $3
          AND node_id = ANY($5::text[]) AND port = 'out'
        GROUP BY 1
     ), converted AS (
       SELECT to_char(converted_at AT TIME ZONE $4, 'YYYY-MM-DD') AS day, count(*)::float8 AS n,
              COALESCE(sum(value), 0)::float8 AS value
         FROM conversions
        WHERE journey_id = $1 AND ($2::int IS NULL OR version = $2) AND converted_at >= $3
        GROUP BY 1
     )
     SELECT COALESCE(e.day, c.day) AS day, COALESCE(e.n, 0) AS entered, COALESCE(c.n, 0) AS converted,
            COALESCE(c.value, 0) AS value
       FROM entered e FULL JOIN converted c ON c.day = e.day`,
    [journeyId, version ?? null, since, timeZone, entryNodes],
  );
  const byDay = new Map(rows.map((row) => [row.day, row]));
  const today = localDay(now, timeZone);
  const out: TimelineDay[] = [];
  for (let back = days - 1; back >= 0; back--) {
    const day = new Date(Date.parse(`${today}T00:00:00Z`) - back * dayMs).toISOString().slice(0, 10);
    const row = byDay.get(day);
    out.push({ day, entered: row?.entered ?? 0, converted: row?.converted ?? 0, value: row?.value ?? 0 });
  }
  return out;
}

/** `YYYY-MM-DD` of `at` in `timeZone`. */
function localDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}
