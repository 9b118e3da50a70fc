import { api } from './client.ts';

/** A customer as the list shows them: PII comes masked unless the role may see it in clear. */
export interface CustomerSummary {
  id: string;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  idNumber?: string | null;
  branch?: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
}

/** One thing that happened to a customer: an event, a journey enrollment or a message. */
export interface TimelineEntry {
  id: string;
  at: string;
  kind: 'event' | 'enrollment' | 'message' | string;
  /** event: its name and properties. */
  name?: string;
  properties?: Record<string, unknown>;
  /** enrollment and message: the journey, node and state. */
  journeyId?: string | null;
  version?: number;
  status?: string;
  currentNode?: string;
  exitReason?: string | null;
  nodeId?: string | null;
  channel?: string;
  variant?: string | null;
  reason?: string | null;
}

export interface CustomerProfile extends CustomerSummary {
  consent?: Record<string, boolean>;
  locale?: string | null;
  timeline: TimelineEntry[];
}

export interface CustomerPage {
  items: CustomerSummary[];
  nextCursor?: string | null;
  total?: number;
}

function normalize(raw: Record<string, unknown>): CustomerSummary {
  return {
    ...(raw as unknown as CustomerSummary),
    tags: Array.isArray(raw.tags) ? (raw.tags as string[]) : [],
    attributes: (raw.attributes as Record<string, unknown> | undefined) ?? {},
  };
}

/** Searches by id, name or phone; the server masks what the role may not see. */
export async function searchCustomers(q: string, cursor?: string, limit = 25): Promise<CustomerPage> {
  const body = await api.get<{
    items?: Record<string, unknown>[];
    nextCursor?: string | null;
    total?: number;
  }>('/customers', { query: { q, cursor, limit } });
  return { items: (body.items ?? []).map(normalize), nextCursor: body.nextCursor ?? null, total: body.total };
}

/** The profile and the timeline of one customer. */
export async function getCustomer(id: string): Promise<CustomerProfile> {
  const body = await api.get<Record<string, unknown>>(`/customers/${encodeURIComponent(id)}`);
  const customer = (body.customer as Record<string, unknown> | undefined) ?? body;
  // The timeline comes as a page ({ items, nextCursor }); older servers sent a bare list.
  const raw = body.timeline as { items?: TimelineEntry[] } | TimelineEntry[] | undefined;
  const timeline = Array.isArray(raw) ? raw : (raw?.items ?? []);
  return { ...normalize(customer), timeline };
}
