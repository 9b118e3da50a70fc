/**
 * Test helpers for packages that work with journeys (the engine, the API): random valid journeys
 * and node configs. Imports fast-check, so it is a separate entry point: `@waymark/journey/testing`.
 */
export {
  configArbitraries,
  generatedConnectorId,
  generatedGoalEvents,
  generatedTemplateId,
  generatedTriggerEvents,
} from './config-arbitraries.ts';
export { contextFor, generatedNow } from './context.ts';
export { rmFollowUpGraph } from './rm-follow-up-graph.ts';
export { salaryWaitGraph } from './salary-wait-graph.ts';
export { abSplitNode } from './split-node.ts';
export { arbitraryValidJourney, type ValidJourneyOptions } from './valid-graph.ts';
