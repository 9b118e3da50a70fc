import type { Channel } from '../graph/fields.ts';

/** Something stored elsewhere that a node may reference, with the channel it serves. */
export interface ChannelRef {
  channel: Channel;
}

/** A lookup given as a Map (`new Map([[id, value]])`) or a plain record (`{ [id]: value }`). */
export type Lookup<T> = ReadonlyMap<string, T> | Readonly<Record<string, T>>;

/**
 * What validation needs to know about the world outside the graph. The server fills it from the
 * database at publish; the web fills it from what it has loaded, so both give the same answer.
 */
export interface ValidationContext {
  /** Existing template ids and the channel each is written for. */
  templates: Lookup<ChannelRef>;
  /** Existing segment ids. */
  segments: ReadonlySet<string> | readonly string[];
  /** Configured connector ids and the channel each delivers. */
  connectors: Lookup<ChannelRef>;
  /**
   * Hosts a webhook may call although they resolve to a private or loopback address (an
   * internal CRM). Exact host names, or `*.bank.internal` for a domain and its sub-domains.
   */
  allowedWebhookHosts?: readonly string[];
  /** The moment to judge "in the past" against; absolute-date checks are skipped without it. */
  now?: Date;
}

/** {@link ValidationContext} normalised once per validation, so node checks do plain lookups. */
export interface ReferenceLookups {
  template(id: string): ChannelRef | undefined;
  segmentExists(id: string): boolean;
  connector(id: string): ChannelRef | undefined;
  allowedWebhookHosts: readonly string[];
  now: Date | undefined;
}

function lookupFn<T>(lookup: Lookup<T> | undefined): (id: string) => T | undefined {
  if (lookup === undefined || lookup === null) return () => undefined;
  if (lookup instanceof Map) return (id) => lookup.get(id);
  const record = lookup as Readonly<Record<string, T>>;
  return (id) => (Object.hasOwn(record, id) ? record[id] : undefined);
}

/** Normalises a context; a missing or malformed part counts as empty rather than throwing. */
export function referenceLookups(context: Partial<ValidationContext> | undefined): ReferenceLookups {
  const segments = new Set<string>(
    context?.segments instanceof Set || Array.isArray(context?.segments) ? context.segments : [],
  );
  return {
    template: lookupFn(context?.templates),
    segmentExists: (id) => segments.has(id),
    connector: lookupFn(context?.connectors),
    allowedWebhookHosts: Array.isArray(context?.allowedWebhookHosts) ? context.allowedWebhookHosts : [],
    now: context?.now instanceof Date && !Number.isNaN(context.now.getTime()) ? context.now : undefined,
  };
}
