/**
 * Every error the API can answer with, in one place: a stable code (what clients branch on), the
 * HTTP status, and a title a marketing planner understands. A response may add a `detail` that
 * names the specific thing (which journey, which field), never internals.
 *
 * Codes are `<area>.<what-went-wrong>`. 4xx codes are the caller's to fix; the only 5xx codes are
 * operational (`service.unavailable`) or unexpected (`internal.unexpected`).
 */
export const errorCatalog = {
  // Requests that cannot be read at all.
  'request.malformed-json': { status: 400, title: 'The request body is not valid JSON.' },
  'request.empty-body': { status: 400, title: 'The request needs a body.' },
  'request.invalid': { status: 400, title: 'Some fields of the request are missing or have the wrong form.' },
  'request.too-large': { status: 413, title: 'The request body is larger than the server accepts.' },
  'request.unsupported-media-type': {
    status: 415,
    title: 'The request body has a content type this endpoint does not accept.',
  },
  'request.invalid-cursor': {
    status: 400,
    title: 'The paging cursor is not valid; start again from the first page.',
  },
  'request.bad-url': { status: 400, title: 'The address of the request is not valid.' },
  'route.not-found': { status: 404, title: 'There is no such endpoint.' },
  'route.method-not-allowed': { status: 405, title: 'This endpoint does not accept that method.' },

  // Who is calling and what they may do.
  'auth.unauthenticated': { status: 401, title: 'Please sign in (or send a valid API token) first.' },
  'auth.invalid-credentials': { status: 401, title: 'The user name or password is wrong.' },
  'auth.forbidden': { status: 403, title: 'Your role does not allow this action.' },
  'auth.too-many-attempts': {
    status: 429,
    title: 'Too many wrong passwords for this user. Wait a few minutes before trying again.',
  },

  // Users and tokens.
  'user.not-found': { status: 404, title: 'There is no such user.' },
  'user.username-taken': { status: 409, title: 'A user with this user name already exists.' },
  'user.last-admin': {
    status: 409,
    title: 'This is the last active admin; make someone else admin first, or nobody could manage users.',
  },
  'token.not-found': { status: 404, title: 'There is no such API token.' },

  // Customers, imports and events.
  'customer.not-found': { status: 404, title: 'There is no customer with this id.' },
  'customer.batch-too-large': { status: 413, title: 'Too many customers in one batch.' },
  'import.not-found': { status: 404, title: 'There is no import with this id.' },
  'event.batch-too-large': { status: 413, title: 'Too many events in one batch.' },

  // Segments, templates, connectors.
  'segment.not-found': { status: 404, title: 'There is no segment with this id.' },
  'segment.invalid-condition': { status: 400, title: 'The segment condition is not valid.' },
  'template.not-found': { status: 404, title: 'There is no template with this id.' },
  'template.revision-conflict': {
    status: 409,
    title: 'Someone else saved this template since you opened it. Reload to see their changes.',
  },
  'template.invalid': { status: 422, title: 'The template has a syntax error.' },
  'connector.not-found': { status: 404, title: 'There is no connector with this id.' },
  'connector.id-taken': { status: 409, title: 'A connector with this id already exists.' },
  'connector.in-use': {
    status: 409,
    title:
      'Running journeys send through this connector: pause or archive them, or disable the connector instead.',
  },

  // Journeys.
  'journey.not-found': { status: 404, title: 'There is no journey with this id.' },
  'journey.version-not-found': { status: 404, title: 'This journey has no such published version.' },
  'journey.revision-conflict': {
    status: 409,
    title: 'Someone else saved this journey since you opened it. Reload to see their changes.',
  },
  'journey.invalid': {
    status: 422,
    title: 'The journey has problems that must be fixed before it can go live.',
  },
  'journey.illegal-transition': {
    status: 409,
    title: 'The journey cannot make this change from its current state.',
  },
  'journey.archived': { status: 409, title: 'The journey is archived and can no longer be changed.' },
  'journey.unchanged': {
    status: 409,
    title: 'The draft is the same as the live version, so there is nothing new to publish.',
  },

  // Maker–checker approval of publishing (审批).
  'approval.not-found': { status: 404, title: 'There is no such approval request.' },
  'approval.not-required': {
    status: 409,
    title: 'Publishing does not need approval on this server: publish the journey directly.',
  },
  'approval.required': {
    status: 409,
    title: 'Publishing this journey needs an approver to sign off first: request approval.',
  },
  'approval.pending': {
    status: 409,
    title: 'The approval request for this draft is still waiting for an approver.',
  },
  'approval.already-requested': {
    status: 409,
    title: 'This journey already has an approval request waiting for an approver.',
  },
  'approval.already-approved': {
    status: 409,
    title: 'This draft is already approved: it can be published now.',
  },
  'approval.rejected': {
    status: 409,
    title: 'The approver rejected this draft. Change it as they asked, then request approval again.',
  },
  'approval.stale': {
    status: 409,
    title:
      'The draft was edited after approval was requested, so the request no longer covers it. Request approval of the current draft.',
  },
  'approval.used': {
    status: 409,
    title:
      'This approval was already used to publish a version. Each approval publishes once: request a new one.',
  },
  'approval.already-decided': {
    status: 409,
    title: 'Someone already approved or rejected this request.',
  },
  'approval.own-request': {
    status: 403,
    title:
      'You asked for this approval yourself, so someone else must decide it (four-eyes principle, 四眼原则).',
  },
  'approval.own-changes': {
    status: 403,
    title:
      'You changed this draft yourself since it last went live, so someone else must approve it (four-eyes principle, 四眼原则).',
  },
  'approval.comment-required': {
    status: 400,
    title: 'Say why you reject the request, so the planner knows what to change.',
  },
  'approval.withdrawn': {
    status: 409,
    title: 'This request was withdrawn, so it no longer waits for a decision.',
  },
  'approval.not-requester': {
    status: 403,
    title: 'Only the person who requested this approval, or an administrator, can withdraw it.',
  },

  // Relationship-manager tasks (客户经理任务).
  'rm-task.not-found': {
    status: 404,
    title: 'There is no relationship-manager task for this customer at this step of the journey.',
  },
  'rm-task.not-assigned': {
    status: 403,
    title: 'This customer is looked after by another relationship manager, so only they can close the task.',
  },
  'rm-task.already-recorded': {
    status: 409,
    title: 'An outcome was already recorded for this task; it cannot be changed.',
  },
  'rm-task.expired': {
    status: 409,
    title: 'The time allowed for this task has run out, so the journey continues without an outcome.',
  },
  'rm-task.closed': {
    status: 409,
    title: 'The customer is no longer waiting at this task (they moved on or the journey stopped).',
  },

  // Operational and unexpected.
  'service.unavailable': { status: 503, title: 'A service the API depends on is not reachable.' },
  'internal.unexpected': {
    status: 500,
    title: 'Something went wrong on our side. The error has been logged; please try again.',
  },
} as const satisfies Record<string, ErrorDefinition>;

/** One catalog entry. */
export interface ErrorDefinition {
  status: number;
  title: string;
}

/** A code from the catalog. */
export type ErrorCode = keyof typeof errorCatalog;

/** Whether `code` names a catalog entry (used when mapping foreign errors). */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(errorCatalog, code);
}
