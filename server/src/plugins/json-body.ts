import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

interface MaybeZodSchema {
  safeParse?: (value: unknown) => { success: boolean };
}

/** Whether the route takes no body, or one that may be left out (e.g. validate's optional graph). */
function bodyIsOptional(request: FastifyRequest): boolean {
  const schema = request.routeOptions.schema?.body as MaybeZodSchema | undefined;
  return schema === undefined || schema.safeParse?.(undefined).success === true;
}

/**
 * Fastify's own JSON parser (with prototype-poisoning protection), except that an empty body with
 * a JSON content type is fine where no body is needed: `curl -X POST -H 'content-type:
 * application/json' …/pause` works instead of failing with "body cannot be empty".
 */
export const jsonBodyPlugin = fp(
  async (app: FastifyInstance) => {
    const parseJson = app.getDefaultJsonParser('remove', 'remove');
    app.removeContentTypeParser('application/json');
    app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      if (body === '' && bodyIsOptional(request)) {
        done(null, undefined);
        return;
      }
      // The default parser is synchronous and reports through `done`.
      void parseJson(request, typeof body === 'string' ? body : body.toString('utf8'), done);
    });
  },
  { name: 'waymark-json-body' },
);
