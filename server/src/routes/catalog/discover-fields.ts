import type { Db } from '@waymark/db';

/** The value types of the condition language. */
export type DiscoveredType = 'number' | 'string' | 'boolean' | 'date';

export interface DiscoveredField {
  name: string;
  valueType: DiscoveredType;
  /** Sampled rows holding this key. */
  seen: number;
  /** The values, when a text field takes one of a few (each seen several times in the sample). */
  options?: string[];
}

export interface DiscoveredCatalog {
  attributes: DiscoveredField[];
  tags: { name: string; seen: number }[];
  events: { name: string; seen: number; properties: DiscoveredField[] }[];
  sampled: { customers: number; events: number };
}

/** How much of the data the catalog reads: bounded whatever the size of the tables. */
export interface SampleSizes {
  customers: number;
  /** Half the newest events, half spread over the whole table. */
  events: number;
}

export const defaultSampleSizes: SampleSizes = { customers: 2000, events: 4000 };

const maxOptions = 20;
const maxKeys = 300;
const maxEvents = 200;

/*
 * One row per (key, JSON type) over the sampled objects: how often, how many of the strings look
 * like dates, and up to maxOptions + 1 distinct strings (one more than offered, to tell "few" from
 * "many"). `$source` yields (owner, doc): owner groups keys (an event name; '' for customers).
 */
const describeKeys = (source: string) => `
  SELECT owner, d.key, jsonb_typeof(d.value) AS type, count(*)::int AS n,
    count(*) FILTER (WHERE jsonb_typeof(d.value) = 'string'
      AND d.value #>> '{}' ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}')::int AS date_like,
    count(DISTINCT d.value #>> '{}') FILTER (WHERE jsonb_typeof(d.value) = 'string')::int AS distinct_strings,
    (array_agg(DISTINCT d.value #>> '{}') FILTER (WHERE jsonb_typeof(d.value) = 'string'))[1:${maxOptions + 1}] AS strings
  FROM (${source}) AS s(owner, doc), jsonb_each(s.doc) AS d(key, value)
  WHERE jsonb_typeof(s.doc) = 'object' AND jsonb_typeof(d.value) IN ('number', 'string', 'boolean')
  GROUP BY owner, d.key, jsonb_typeof(d.value)`;

type KeyRow = {
  owner: string;
  key: string;
  type: 'number' | 'string' | 'boolean';
  n: number;
  date_like: number;
  distinct_strings: number;
  strings: string[] | null;
};

/**
 * The share of a table's blocks to read for about `rows` rows (twice that, then LIMIT), from the
 * planner's row estimate; all of it when the table was never analysed or is small.
 */
async function samplePercent(db: Db, table: 'customers' | 'events', rows: number): Promise<number> {
  const [estimate] = await db.query<{ n: number }>(
    'SELECT reltuples::float8 AS n FROM pg_class WHERE oid = to_regclass($1)',
    [table],
  );
  const total = estimate?.n ?? -1;
  // Written out in fixed notation: it goes into the SQL text (TABLESAMPLE takes no parameter here).
  return total > 0 ? Math.max(0.0001, Math.min(100, (100 * rows * 2) / total)) : 100;
}

/** Folds the per-type rows of each key into one field: its most frequent type wins. */
function toFields(rows: readonly KeyRow[]): Map<string, DiscoveredField[]> {
  const byOwner = new Map<string, Map<string, KeyRow[]>>();
  for (const row of rows) {
    const keys = byOwner.get(row.owner) ?? new Map<string, KeyRow[]>();
    keys.set(row.key, [...(keys.get(row.key) ?? []), row]);
    byOwner.set(row.owner, keys);
  }
  const fields = new Map<string, DiscoveredField[]>();
  for (const [owner, keys] of byOwner) {
    const list: DiscoveredField[] = [];
    for (const [name, typed] of keys) {
      const main = typed.reduce((best, row) => (row.n > best.n ? row : best));
      const seen = typed.reduce((sum, row) => sum + row.n, 0);
      // A text key is a date when (nearly) all its values are written as dates.
      const valueType: DiscoveredType =
        main.type === 'string' && main.date_like >= main.n * 0.9 ? 'date' : main.type;
      const field: DiscoveredField = { name, valueType, seen };
      const strings = main.strings ?? [];
      if (
        valueType === 'string' &&
        main.distinct_strings <= maxOptions &&
        main.distinct_strings * 3 <= main.n
      )
        field.options = strings;
      list.push(field);
    }
    list.sort((a, b) => b.seen - a.seen || a.name.localeCompare(b.name));
    fields.set(owner, list.slice(0, maxKeys));
  }
  return fields;
}

/**
 * What the data holds: customer attribute keys with their value types, tags, and event names with
 * their property keys, read from bounded samples so it costs the same on 45 thousand customers as
 * on 45 million: a block sample of about `sizes.customers` customers (TABLESAMPLE SYSTEM, seeded so
 * the same data gives the same answer), the newest half of `sizes.events` events (by sequence,
 * through the primary key) plus a block sample of the other half from the whole table, so event
 * names that stopped arriving still show.
 */
export async function discoverFields(
  db: Db,
  sizes: SampleSizes = defaultSampleSizes,
): Promise<DiscoveredCatalog> {
  const customerPercent = await samplePercent(db, 'customers', sizes.customers);
  const eventPercent = await samplePercent(db, 'events', sizes.events / 2);
  const customers = `SELECT attributes, tags FROM customers TABLESAMPLE SYSTEM (${customerPercent.toFixed(4)}) REPEATABLE (7) LIMIT ${sizes.customers}`;
  const newest = Math.ceil(sizes.events / 2);
  const events = `(SELECT name, properties FROM events ORDER BY seq DESC LIMIT ${newest})
    UNION ALL (SELECT name, properties FROM events TABLESAMPLE SYSTEM (${eventPercent.toFixed(4)}) REPEATABLE (7) LIMIT ${sizes.events - newest})`;

  const [attributeRows, tagRows, customerCount, eventRows, propertyRows] = await Promise.all([
    db.query<KeyRow>(describeKeys(`SELECT '', attributes FROM (${customers}) AS c`)),
    db.query<{ name: string; seen: number }>(
      `SELECT tag AS name, count(*)::int AS seen FROM (${customers}) AS c, unnest(c.tags) AS tag
       GROUP BY tag ORDER BY seen DESC, tag LIMIT ${maxKeys}`,
    ),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${customers}) AS c`),
    db.query<{ name: string; seen: number }>(
      `SELECT name, count(*)::int AS seen FROM (${events}) AS e GROUP BY name ORDER BY seen DESC, name LIMIT ${maxEvents}`,
    ),
    db.query<KeyRow>(describeKeys(`SELECT name, properties FROM (${events}) AS e`)),
  ]);
  const properties = toFields(propertyRows);
  return {
    attributes: toFields(attributeRows).get('') ?? [],
    tags: tagRows,
    events: eventRows.map((event) => ({ ...event, properties: properties.get(event.name) ?? [] })),
    sampled: {
      customers: customerCount[0]?.n ?? 0,
      events: eventRows.reduce((sum, event) => sum + event.seen, 0),
    },
  };
}
