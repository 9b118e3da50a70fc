import { type Db, schema } from '@waymark/db';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { appError } from '../errors/app-error.ts';

const { approvals, journeyVersions } = schema;

/**
 * The approval that allows publishing draft revision `draftRevision` of a journey right now, or
 * a 409 saying what is missing: no request or a withdrawn one (`approval.required`), one still
 * waiting (`approval.pending`), a rejection (`approval.rejected`, with the approver's comment), a
 * request for an earlier revision (`approval.stale`) or an approval already spent (`approval.used`).
 * Call it inside the publish transaction, with the journey row locked, so two publishes cannot
 * spend one approval (the unique index on `journey_versions.approval_id` is the last guard).
 */
export async function approvalForPublish(tx: Db, journeyId: string, draftRevision: number): Promise<string> {
  const [latest] = await tx.orm
    .select({
      id: approvals.id,
      status: approvals.status,
      draftRevision: approvals.draftRevision,
      comment: approvals.comment,
      usedBy: journeyVersions.version,
    })
    .from(approvals)
    .leftJoin(journeyVersions, eq(journeyVersions.approvalId, approvals.id))
    .where(
      and(
        eq(approvals.journeyId, journeyId),
        inArray(approvals.status, ['pending', 'approved', 'rejected', 'withdrawn']),
      ),
    )
    .orderBy(desc(approvals.requestedAt), desc(approvals.id))
    .limit(1);
  // A withdrawn request leaves nothing asked, whatever was decided before it.
  if (!latest || latest.status === 'withdrawn') throw appError('approval.required');
  const extensions = { approvalId: latest.id, approvalRevision: latest.draftRevision };
  // An approval spent on an earlier draft simply no longer applies: the edits need a new one.
  if (latest.usedBy !== null && latest.draftRevision !== draftRevision) throw appError('approval.required');
  if (latest.usedBy !== null) {
    throw appError(
      'approval.used',
      `The approval of revision ${latest.draftRevision} already published version ${latest.usedBy}; request approval again to publish.`,
      { extensions: { ...extensions, publishedVersion: latest.usedBy } },
    );
  }
  if (latest.draftRevision !== draftRevision) {
    throw appError(
      'approval.stale',
      `Approval was requested for revision ${latest.draftRevision}; the draft is now at revision ${draftRevision}.`,
      { extensions: { ...extensions, currentRevision: draftRevision } },
    );
  }
  switch (latest.status) {
    case 'approved':
      return latest.id;
    case 'pending':
      throw appError('approval.pending', undefined, { extensions });
    case 'rejected':
      throw appError(
        'approval.rejected',
        latest.comment ? `The approver's comment: ${latest.comment}` : undefined,
        { extensions: { ...extensions, comment: latest.comment } },
      );
    default:
      throw appError('approval.required');
  }
}
