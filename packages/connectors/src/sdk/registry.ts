import { connectorChannels } from './channel-messages.ts';
import type { AnyConnectorDefinition } from './define-connector.ts';

/** Looks up connector definitions by id; built once at start-up from an explicit array. */
export interface ConnectorRegistry {
  get(id: string): AnyConnectorDefinition | undefined;
  list(): readonly AnyConnectorDefinition[];
}

const idPattern = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Builds a registry and rejects broken definitions at start-up (duplicate or malformed ids,
 * unknown channels, a `sendBatch` without a batch size) rather than at the first send.
 */
export function createConnectorRegistry(definitions: readonly AnyConnectorDefinition[]): ConnectorRegistry {
  const byId = new Map<string, AnyConnectorDefinition>();
  const problems: string[] = [];
  for (const definition of definitions) {
    if (!idPattern.test(definition.id)) problems.push(`"${definition.id}" is not a kebab-case id`);
    if (byId.has(definition.id)) problems.push(`"${definition.id}" is defined twice`);
    if (!connectorChannels.includes(definition.channel)) {
      problems.push(`"${definition.id}" uses unknown channel "${definition.channel}"`);
    }
    if (definition.sendBatch && !(definition.maxBatchSize && definition.maxBatchSize > 1)) {
      problems.push(`"${definition.id}" has sendBatch but no maxBatchSize above 1`);
    }
    byId.set(definition.id, definition);
  }
  if (problems.length > 0) throw new Error(`Invalid connector registry: ${problems.join('; ')}`);
  const list = [...byId.values()];
  return { get: (id) => byId.get(id), list: () => list };
}
