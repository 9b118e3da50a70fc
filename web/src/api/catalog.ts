import type { DiscoveredFields } from '../fields/field-catalog.ts';
import { api } from './client.ts';

/** Attributes, tags and events found in a sample of the stored data (GET /catalog/fields). */
export async function getDiscoveredFields(signal?: AbortSignal): Promise<DiscoveredFields> {
  return api.get<DiscoveredFields>('/catalog/fields', { signal });
}
