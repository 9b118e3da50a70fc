import { type Db, schema } from '@waymark/db';
import { eq } from 'drizzle-orm';
import { appError } from '../../errors/app-error.ts';
import { isUuid } from '../../lib/http-schemas.ts';

/** The journey row, or 404 `journey.not-found` (also for ids that are not UUIDs). */
export async function loadJourney(db: Db, id: string): Promise<typeof schema.journeys.$inferSelect> {
  const [row] = isUuid(id)
    ? await db.orm.select().from(schema.journeys).where(eq(schema.journeys.id, id))
    : [];
  if (!row) throw appError('journey.not-found');
  return row;
}
