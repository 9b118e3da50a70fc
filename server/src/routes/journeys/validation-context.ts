import { type Db, schema } from '@waymark/db';
import type { ChannelRef, ValidationContext } from '@waymark/journey';
import { isNull } from 'drizzle-orm';

/**
 * What `validate` needs to know about the world: the templates, segments and connectors that
 * exist now (archived ones do not count), and the time. Built fresh for each validation so a
 * journey never publishes against a template archived a minute ago.
 */
export async function loadValidationContext(db: Db, now: Date): Promise<ValidationContext> {
  // One after another: inside a transaction they share one connection anyway.
  const templates = await db.orm
    .select({ id: schema.templates.id, channel: schema.templates.channel })
    .from(schema.templates)
    .where(isNull(schema.templates.archivedAt));
  const segments = await db.orm
    .select({ id: schema.segments.id })
    .from(schema.segments)
    .where(isNull(schema.segments.archivedAt));
  const connectors = await db.orm
    .select({ id: schema.connectors.id, channel: schema.connectors.channel })
    .from(schema.connectors);
  return {
    templates: new Map<string, ChannelRef>(templates.map((t) => [t.id, { channel: t.channel }])),
    segments: new Set(segments.map((s) => s.id)),
    connectors: new Map<string, ChannelRef>(connectors.map((c) => [c.id, { channel: c.channel }])),
    now,
  };
}
