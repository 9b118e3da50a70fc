/**
 * An answer from the API that is not a success, or no answer at all. `code` is the server's
 * stable catalog code (`journey.revision-conflict`) or one of the client's own:
 * `network.offline` (no answer: server down or connection lost) and `response.unreadable`
 * (an answer that is not the JSON we expect). The UI translates codes; `detail` is the server's
 * specifics for this occurrence.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  /** The whole problem+json body, for extension members such as `problems` or `currentRevision`. */
  readonly body: Record<string, unknown>;

  constructor(status: number, code: string, detail: string | undefined, body: Record<string, unknown> = {}) {
    super(detail ?? code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.body = body;
  }

  /** True when nothing answered: worth keeping the work locally and retrying later. */
  get isOffline(): boolean {
    return (
      this.code === 'network.offline' || this.status === 502 || this.status === 503 || this.status === 504
    );
  }
}

/** Narrowing helper for `catch (e)` blocks. */
export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
