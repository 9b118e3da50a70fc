/** Sizes the API accepts; each can be lowered or raised per deployment through `AppDeps.limits`. */
export interface ServerLimits {
  /** Largest JSON body, in bytes (default 10 MB). */
  jsonBodyBytes: number;
  /** Largest CSV import, in bytes, counted while streaming (default 512 MB). */
  csvImportBytes: number;
  /** Most customers in one POST /customers/batch (default 10,000). */
  customersPerBatch: number;
  /** Most events in one POST /events (default 10,000). */
  eventsPerBatch: number;
}

export const defaultLimits: ServerLimits = {
  jsonBodyBytes: 10 * 1024 * 1024,
  csvImportBytes: 512 * 1024 * 1024,
  customersPerBatch: 10_000,
  eventsPerBatch: 10_000,
};
