import { insertEvents } from '@waymark/db';
import { rmTaskOutcomeEvent } from '@waymark/journey/runtime';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appError, type FieldError } from '../../errors/app-error.ts';
import { errorResponses } from '../../lib/http-schemas.ts';

const eventSchema = z
  .object({
    eventId: z.string().trim().min(1).max(200).describe('Your id of the event: sending it again is a no-op'),
    customerId: z.string().trim().min(1).max(64),
    name: z
      .string()
      .min(1)
      .max(64)
      .regex(
        /^[A-Za-z_][A-Za-z0-9_.-]*$/,
        'an event name holds letters, digits, _ . or -, e.g. large_deposit',
      )
      // Closing an RM task checks that the task is the caller's; only the workbench may record it.
      .refine(
        (name) => name !== rmTaskOutcomeEvent,
        `"${rmTaskOutcomeEvent}" is recorded by relationship managers in My tasks (POST /rm/tasks/…/outcome), not sent as a customer event`,
      ),
    properties: z.record(z.string().max(64), z.unknown()).default({}),
    occurredAt: z.iso
      .datetime({ offset: true })
      .describe('ISO 8601 with a time zone, e.g. 2026-03-01T10:00:00+08:00'),
  })
  .meta({ id: 'NewEvent' });

// Devices with a wrong clock are common; an event more than a day ahead is a bug, not skew.
const MAX_FUTURE_MS = 24 * 3_600_000;

/** Event ingestion: idempotent by the caller's event id. */
export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '',
    {
      config: { permission: 'events.write' },
      schema: {
        tags: ['events'],
        summary: 'Record a batch of customer events (idempotent by eventId)',
        body: z.object({ events: z.array(eventSchema).min(1) }),
        response: {
          202: z.object({
            accepted: z.number().int().describe('Events stored by this call'),
            duplicates: z.number().int().describe('Events whose eventId was already stored (ignored)'),
          }),
          ...errorResponses,
        },
      },
      preValidation: async (request) => {
        const events = (request.body as { events?: unknown } | null)?.events;
        const max = app.limits.eventsPerBatch;
        if (Array.isArray(events) && events.length > max) {
          throw appError(
            'event.batch-too-large',
            `Send at most ${max.toLocaleString('en')} events per call; this one had ${events.length.toLocaleString('en')}.`,
          );
        }
      },
    },
    async (request, reply) => {
      const { events } = request.body;
      const latest = app.clock.now().getTime() + MAX_FUTURE_MS;
      const errors: FieldError[] = [];
      events.forEach((event, i) => {
        if (Date.parse(event.occurredAt) > latest) {
          errors.push({ path: `body.events.${i}.occurredAt`, message: 'lies more than a day in the future' });
        }
      });
      if (errors.length > 0) throw appError('request.invalid', errors[0]?.message, { errors });

      const outcomes = await insertEvents(app.db, events);
      const accepted = outcomes.filter((o) => o.status === 'inserted').length;
      if (app.onEventsIngested) {
        try {
          await app.onEventsIngested([...new Set(events.map((e) => e.eventId))]);
        } catch (err) {
          request.log.error({ err }, 'events stored but not handed to the engine');
          throw appError(
            'service.unavailable',
            'The events were stored but could not be queued for processing. Send the same batch again: events already stored are not duplicated.',
          );
        }
      }
      return reply.status(202).send({ accepted, duplicates: outcomes.length - accepted });
    },
  );
};
