import { type Db, schema } from '@waymark/db';
import { eq } from 'drizzle-orm';
import { appError } from '../../errors/app-error.ts';
import { isUuid } from '../../lib/http-schemas.ts';

type JourneyRow = typeof schema.journeys.$inferSelect;

/**
 * Reads the journey and locks it for the rest of the transaction, so publishes, approval requests
 * and state changes of one journey serialise.
 */
export async function lockJourney(tx: Db, id: string): Promise<JourneyRow> {
  const [row] = isUuid(id)
    ? await tx.orm.select().from(schema.journeys).where(eq(schema.journeys.id, id)).for('update')
    : [];
  if (!row) throw appError('journey.not-found');
  return row;
}
