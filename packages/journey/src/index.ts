/**
 * @waymark/journey: the journey graph model, shared by the canvas (browser) and the server.
 * Universal: nothing here imports Node-only modules. Executors live in the server-only
 * `@waymark/journey/runtime` entry point (added by the engine).
 */

export { type ConnectVerdict, canConnect, outputPorts } from './connect.ts';
export { diffGraphs, type GraphDiff, type NodeChange } from './diff/diff-graphs.ts';
export { type Channel, channelLabels, channels } from './graph/fields.ts';
export {
  edgeSchema,
  graphLimits,
  graphSchema,
  type JourneyEdge,
  type JourneyGraph,
  type JourneyNode,
  nodeSchema,
} from './graph/schema.ts';
export {
  defaultTimeZone,
  goalSchema,
  type JourneyGoal,
  type JourneySettings,
  type JourneySettingsInput,
  type ReEntryPolicy,
  reEntrySchema,
  settingsSchema,
} from './graph/settings.ts';
export { type Locale, type LocalizedText, locales, localize } from './i18n/locale.ts';
export type { ChannelRef, Lookup, ValidationContext } from './node-types/context.ts';
export {
  type AnyNodeTypeDefinition,
  type NodeCategory,
  type NodeTypeDefinition,
  nodeCategories,
  type PortSpec,
} from './node-types/define.ts';
export { type PaletteGroup, paletteGroups, summarizeNode } from './palette.ts';
export {
  fieldReasonCatalog,
  isProblemCode,
  type ProblemCode,
  problemCatalog,
  problemCodes,
} from './problems/catalog.ts';
export { formatProblem } from './problems/format.ts';
export { type NodeNames, nodeNamesFor } from './problems/node-names.ts';
export type { Problem } from './problems/problem.ts';
export { makeProblem } from './problems/problem.ts';
export { type ConfigOf, isNodeType, type NodeType, nodeDefinition, nodeTypes } from './registry.ts';
export {
  bindStarter,
  type StarterJourney,
  type StarterSegment,
  type StarterTemplate,
  starterConnectorChannels,
  starterConnectorRef,
  starterJourneys,
  starterPlaceholders,
  starterSegmentRef,
  starterSegments,
  starterTemplateRef,
  starterTemplates,
} from './starters/index.ts';
export { isValid, validate } from './validate/validate.ts';
