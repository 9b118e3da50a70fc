import type { JourneyGraph } from '../builder/graph-types.ts';
import type { ApprovalBrief } from './approvals.ts';
import { api } from './client.ts';

export type JourneyStatus = 'draft' | 'live' | 'paused' | 'archived';

/** A row of the journeys list. */
export interface JourneySummary {
  id: string;
  name: string;
  description?: string;
  status: JourneyStatus;
  liveVersion: number | null;
  draftRevision: number;
  updatedAt: string;
  updatedBy?: string | null;
}

/** What the journeys list carries per journey (GET /journeys), over every version. */
export interface JourneyTotals {
  entered: number;
  converted: number;
  /** Converted ÷ entered; null before anyone entered. */
  conversionRate: number | null;
  /** Inside the journey now, running or waiting. */
  active: number;
}

/**
 * A row of the journeys list; `totals` is null for people who may not read reports, `approval`
 * null when nobody asked for approval, the request was spent, or publishing needs none.
 */
export interface JourneyListItem extends JourneySummary {
  totals?: JourneyTotals | null;
  approval?: ApprovalBrief | null;
}

/** A journey with its editable draft. */
export interface Journey extends JourneySummary {
  draft: JourneyGraph;
}

/** A published, frozen version. */
export interface JourneyVersion {
  version: number;
  publishedAt: string;
  publishedBy?: string | null;
  note?: string;
  /** Who approved it, when it was published under an approval (maker–checker). */
  approvedByName?: string | null;
  graph?: JourneyGraph;
}

/** How one variant (or the control group) of an A/B split does (GET /journeys/:id/stats). */
export interface VariantStats {
  splitNodeId: string;
  /** The variant id, or `'control'` for the hold-out group. */
  variant: string;
  label: string;
  control: boolean;
  /** Customers the split sent this way. */
  entered: number;
  /** Messages sent to them by every send step after the split. */
  sent: number;
  converted: number;
  /** Converted ÷ entered; null before anyone entered. */
  conversionRate: number | null;
  /** Sum of the conversions' values. */
  value: number;
  /** Relative difference of the conversion rate to the control group's; null without one. */
  liftOverControl: number | null;
  /** Whether the difference to the control group is significant at 95%; null without one. */
  significantOverControl: boolean | null;
}

/** Entries and conversions of one calendar day in the journey's time zone. */
export interface TimelineDay {
  /** `YYYY-MM-DD`. */
  day: string;
  entered: number;
  converted: number;
  value: number;
}

/** Per-node counts, per-variant results and a daily timeline of a live journey (GET /journeys/:id/stats). */
export interface JourneyStats {
  version?: number | null;
  updatedAt?: string;
  totals?: { entered?: number; active?: number; completed?: number; failed?: number; converted?: number };
  nodes: Record<
    string,
    { entered?: number; waiting?: number; exited?: number; [port: string]: number | undefined }
  >;
  /** One row per variant of every A/B split, in the graph's order (absent from older servers). */
  variants?: VariantStats[];
  /** One row per day, oldest first, with no gaps (absent from older servers). */
  timeline?: TimelineDay[];
}

function items<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  return (body as { items?: T[] }).items ?? [];
}

function journeyOf(body: unknown): Journey {
  const value = body as { journey?: Journey } & Journey;
  return value.journey ?? value;
}

export async function listJourneys(filter: { q?: string; status?: string }): Promise<JourneyListItem[]> {
  return items<JourneyListItem>(await api.get('/journeys', { query: { ...filter, limit: 200 } }));
}

export async function getJourney(id: string): Promise<Journey> {
  return journeyOf(await api.get(`/journeys/${id}`));
}

export async function createJourney(input: {
  name: string;
  description?: string;
  graph: JourneyGraph;
}): Promise<Journey> {
  return journeyOf(await api.post('/journeys', input));
}

/** Saves the draft over `baseRevision`; a stale revision answers 409 `journey.revision-conflict`. */
export async function saveJourney(
  id: string,
  input: { name?: string; graph: JourneyGraph; baseRevision: number },
): Promise<Journey> {
  return journeyOf(await api.put(`/journeys/${id}`, input));
}

export async function publishJourney(
  id: string,
  input: { baseRevision: number; note?: string },
): Promise<unknown> {
  return api.post(`/journeys/${id}/publish`, input);
}

export async function changeJourneyState(
  id: string,
  action: 'pause' | 'resume' | 'archive',
): Promise<Journey> {
  return journeyOf(await api.post(`/journeys/${id}/${action}`));
}

export async function listVersions(id: string): Promise<JourneyVersion[]> {
  return items<JourneyVersion>(await api.get(`/journeys/${id}/versions`));
}

export async function getVersion(id: string, version: number): Promise<JourneyVersion> {
  const body = await api.get<{ version?: JourneyVersion } & JourneyVersion>(
    `/journeys/${id}/versions/${version}`,
  );
  return typeof body.version === 'object' && body.version !== null ? body.version : body;
}

export async function getJourneyStats(id: string, signal?: AbortSignal): Promise<JourneyStats> {
  return api.get<JourneyStats>(`/journeys/${id}/stats`, { signal });
}
