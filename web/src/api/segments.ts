import type { Condition } from '@waymark/conditions';
import { api } from './client.ts';

export interface Segment {
  id: string;
  name: string;
  description?: string;
  condition?: Condition;
}

/** How many customers match a condition now, with a few example ids. */
export interface SegmentPreview {
  count: number;
  sample: { id: string; [key: string]: unknown }[] | string[];
}

export async function listSegments(): Promise<Segment[]> {
  const body = await api.get<{ items?: Segment[] } | Segment[]>('/segments', { query: { limit: 200 } });
  return Array.isArray(body) ? body : (body.items ?? []);
}

export async function previewSegment(condition: Condition, signal?: AbortSignal): Promise<SegmentPreview> {
  return api.post<SegmentPreview>('/segments/preview', { condition }, { signal });
}
