import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, appError, type FieldError } from './app-error.ts';
import { problemContentType, toProblem } from './problem.ts';

/**
 * Turns every failure into an `application/problem+json` answer from the catalog. Registered
 * with fastify-plugin so the handlers apply to every route, including unknown ones.
 */
export const errorHandlerPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler(async (error: unknown, request, reply) => {
      const appErr = toAppError(error, request);
      if (appErr.status >= 500) {
        request.log.error({ err: error, code: appErr.code }, 'request failed');
      } else {
        request.log.info({ code: appErr.code, status: appErr.status }, 'request rejected');
      }
      return sendProblem(reply, appErr);
    });

    app.setNotFoundHandler(async (request, reply) =>
      sendProblem(
        reply,
        appError('route.not-found', `No endpoint answers ${request.method} ${request.url}.`),
      ),
    );
  },
  { name: 'waymark-error-handler' },
);

/** Sends an AppError as problem+json (also used by handlers that answer with an error directly). */
export function sendProblem(reply: FastifyReply, error: AppError): FastifyReply {
  return reply.status(error.status).type(problemContentType).send(toProblem(error));
}

/** Maps Fastify's own errors, schema validation and anything unexpected onto catalog codes. */
function toAppError(error: unknown, request: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  const fastifyError = error as Partial<FastifyError> & { validationContext?: string };

  if (Array.isArray(fastifyError.validation)) {
    const context = fastifyError.validationContext ?? 'request';
    const where = context === 'querystring' ? 'query' : context;
    const errors: FieldError[] = fastifyError.validation.map((issue) => ({
      path: [where, ...issue.instancePath.split('/').filter(Boolean)].join('.'),
      message: issue.message ?? 'is not valid',
    }));
    const first = errors[0];
    return appError('request.invalid', first ? `${first.path}: ${first.message}` : undefined, { errors });
  }

  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return appError(
        'request.malformed-json',
        'Check for a missing quote, comma or bracket in the JSON body.',
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return appError('request.empty-body', 'The content type says JSON but the body is empty.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return appError(
        'request.too-large',
        `This endpoint accepts at most ${formatBytes(request.routeOptions.bodyLimit)} per request.`,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return appError(
        'request.unsupported-media-type',
        `Content type "${request.headers['content-type'] ?? ''}" is not accepted here.`,
      );
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return appError(
        'request.invalid',
        'The body is shorter or longer than its Content-Length header says.',
      );
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_BAD_URL_PARAMS':
      return appError('request.bad-url');
  }

  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 413) return appError('request.too-large');
    if (status === 415) return appError('request.unsupported-media-type');
    if (status === 404) return appError('route.not-found');
    // Another plugin's client error: keep its message, which Fastify plugins write for callers.
    return appError('request.invalid', fastifyError.message);
  }
  return new AppError('internal.unexpected', {
    cause: error,
    extensions: { requestId: request.id },
  });
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
