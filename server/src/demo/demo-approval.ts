import { type Db, schema } from '@waymark/db';
import { starterJourneys } from '@waymark/journey';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit.ts';

/**
 * Leaves one starter journey waiting for approval, asked for by the demo planner, so the demo
 * approver finds something in 待审批 on the first sign-in (and the planner sees the request's state
 * in the publish dialog).
 */
export async function seedDemoApproval(db: Db, plannerId: string | null, now: Date): Promise<void> {
  const starter = starterJourneys[0];
  if (!starter || !plannerId) return;
  const [journey] = await db.orm
    .select({ id: schema.journeys.id, draftRevision: schema.journeys.draftRevision })
    .from(schema.journeys)
    .where(and(eq(schema.journeys.name, starter.name['zh-CN']), eq(schema.journeys.status, 'draft')));
  if (!journey) return;
  const [approval] = await db.orm
    .insert(schema.approvals)
    .values({
      journeyId: journey.id,
      draftRevision: journey.draftRevision,
      status: 'pending',
      requestedBy: plannerId,
      requestedAt: now,
      note: '首次上线，请审核话术与触达频次。First launch: please check the scripts and how often customers are contacted.',
    })
    .returning({ id: schema.approvals.id });
  await recordAudit(db, now, {
    actor: { userId: plannerId },
    action: 'journey.approval-requested',
    subjectType: 'journey',
    subjectId: journey.id,
    details: { approvalId: approval?.id, draftRevision: journey.draftRevision, liveVersion: null },
  });
}
