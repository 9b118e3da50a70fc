import { schema } from '@waymark/db';
import { edgeSchema, graphLimits, isNodeType, nodeSchema, nodeTypes } from '@waymark/journey';
import { z } from 'zod';

const knownTypes = nodeTypes.map((definition) => definition.type);

/**
 * A draft graph as stored. Only its shape is checked on save (a draft may be unfinished); what it
 * means is checked by validate and at publish. Unknown node types are refused outright: no
 * canvas can produce them.
 */
export const draftGraphSchema = z
  .object({
    nodes: z
      .array(
        nodeSchema.extend({
          type: nodeSchema.shape.type.refine(isNodeType, {
            error: (issue) =>
              `"${String(issue.input)}" is not a node type; use one of ${knownTypes.join(', ')}`,
          }),
        }),
      )
      .max(graphLimits.nodes),
    edges: z.array(edgeSchema).max(graphLimits.edges),
    settings: z.record(z.string(), z.unknown()).default({}),
  })
  .meta({ id: 'JourneyGraph', description: 'nodes [{ id, type, config, position }], edges, settings' });

export type DraftGraph = z.infer<typeof draftGraphSchema>;

export const emptyGraph: DraftGraph = { nodes: [], edges: [], settings: {} };

/** A journey without its graph, as lists show it. */
export const journeySummarySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    status: z.enum(schema.journeyStatuses),
    draftRevision: z.number().int(),
    liveVersion: z.number().int().nullable(),
    createdBy: z.string().nullable(),
    updatedBy: z.string().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
    archivedAt: z.date().nullable(),
  })
  .meta({ id: 'JourneySummary' });

export const journeyViewSchema = journeySummarySchema
  .extend({ draft: draftGraphSchema })
  .meta({ id: 'Journey' });

type JourneyRow = typeof schema.journeys.$inferSelect;

export function toSummary(row: JourneyRow): z.infer<typeof journeySummarySchema> {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: row.status,
    draftRevision: row.draftRevision,
    liveVersion: row.liveVersion,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    archivedAt: row.archivedAt,
  };
}

export function toView(row: JourneyRow): z.infer<typeof journeyViewSchema> {
  return { ...toSummary(row), draft: row.draft as DraftGraph };
}

/** One problem `validate` found, located on a node, an edge or a settings path. */
export const journeyProblemSchema = z
  .object({
    code: z.string(),
    message: z.string(),
    nodeId: z.string().optional(),
    edgeId: z.string().optional(),
    path: z.array(z.union([z.string(), z.number()])).optional(),
    params: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'JourneyProblem' });

export const versionSummarySchema = z
  .object({
    version: z.number().int(),
    publishedBy: z.string().nullable(),
    publishedAt: z.date(),
    note: z.string(),
    approvalId: z.string().nullable().describe('The approval it was published under (maker–checker)'),
    approvedByName: z.string().nullable().describe('Who approved it'),
  })
  .meta({ id: 'JourneyVersionSummary' });

export const versionViewSchema = versionSummarySchema
  .extend({ graph: draftGraphSchema })
  .meta({ id: 'JourneyVersion' });

export const graphDiffSchema = z
  .object({
    nodes: z.object({
      added: z.array(nodeSchema),
      removed: z.array(nodeSchema),
      changed: z.array(
        z.object({
          id: z.string(),
          type: z.object({ from: z.string(), to: z.string() }).optional(),
          configKeys: z.array(z.string()),
        }),
      ),
      moved: z.array(z.string()).describe('Nodes that only moved on the canvas'),
    }),
    edges: z.object({ added: z.array(edgeSchema), removed: z.array(edgeSchema) }),
    settings: z.array(z.string()),
    unchanged: z.boolean().describe('True when nothing that affects customers changed'),
  })
  .meta({ id: 'JourneyDiff' });
