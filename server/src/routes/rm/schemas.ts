import { z } from 'zod';
import { rmTaskOutcomes } from './outcome-event.ts';

/** A task's customer: name and phone masked unless the caller may see them in clear. */
const taskCustomerSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  piiMasked: z.boolean(),
  branch: z.string().nullable(),
});

/** One relationship-manager task: an enrollment parked at an rm.task node (or closed there). */
export const rmTaskSchema = z
  .object({
    enrollmentId: z.string().describe('Use it with nodeId to record the outcome'),
    nodeId: z.string(),
    journey: z.object({
      id: z.string(),
      name: z.string(),
      status: z.string().describe('live or paused (a paused journey moves the customer on once resumed)'),
    }),
    kind: z.enum(['call', 'visit']),
    talkingPoints: z
      .string()
      .nullable()
      .describe("The node's script filled in with the customer's profile (null for recorded tasks)"),
    talkingPointsProblem: z
      .string()
      .nullable()
      .describe('Why the script could not be filled in; talkingPoints then holds the script as written'),
    customer: taskCustomerSchema,
    rmUserId: z.string().nullable().describe('The relationship manager the customer belongs to'),
    assignedAt: z.date(),
    dueAt: z.date().describe('The SLA deadline: without an outcome by then the task expires'),
    overdue: z.boolean().describe('The deadline has passed: the task can no longer be recorded'),
    outcome: z.enum(rmTaskOutcomes).nullable(),
    note: z.string().nullable(),
    recordedAt: z.date().nullable(),
  })
  .meta({ id: 'RmTask' });

export type RmTaskView = z.infer<typeof rmTaskSchema>;

export const taskListQuery = z.object({
  status: z
    .enum(['open', 'done'])
    .default('open')
    .describe(
      'open: waiting for an outcome, soonest deadline first; done: recorded in the last 30 days, newest first',
    ),
  scope: z
    .enum(['mine', 'all'])
    .default('mine')
    .describe("all: every relationship manager's tasks (needs rm-tasks.read-all)"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

export const taskParams = z.object({
  enrollmentId: z.string().min(1).max(30),
  nodeId: z.string().min(1).max(100),
});

export const outcomeBody = z
  .object({
    outcome: z.enum(rmTaskOutcomes, {
      error: 'must be "converted" or "not-interested"',
    }),
    note: z
      .string()
      .trim()
      .max(1000, 'a note holds at most 1,000 characters')
      .optional()
      .describe('What the customer said, for the record (at most 1,000 characters)'),
  })
  .meta({ id: 'RmTaskOutcome' });

export const outcomeRecordedSchema = z.object({
  eventId: z.string().describe('The rm.task.outcome event stored for the engine'),
  outcome: z.enum(rmTaskOutcomes),
  recordedAt: z.date(),
});
