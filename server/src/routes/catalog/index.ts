import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../lib/http-schemas.ts';
import { defaultSampleSizes, discoverFields } from './discover-fields.ts';

const fieldSchema = z
  .object({
    name: z.string(),
    valueType: z.enum(['number', 'string', 'boolean', 'date']).describe('Its most frequent type'),
    seen: z.number().int().describe('Sampled rows holding it'),
    options: z
      .array(z.string())
      .optional()
      .describe('The values of a text field that takes one of a few (at most 20)'),
  })
  .meta({ id: 'CatalogField' });

const catalogSchema = z
  .object({
    attributes: z.array(fieldSchema).describe('Customer profile attributes, most common first'),
    tags: z.array(z.object({ name: z.string(), seen: z.number().int() })),
    events: z.array(
      z.object({
        name: z.string(),
        seen: z.number().int(),
        properties: z.array(fieldSchema),
      }),
    ),
    sampled: z.object({
      customers: z.number().int().describe('Customers read'),
      events: z.number().int().describe('Events read'),
    }),
  })
  .meta({ id: 'FieldCatalog' });

/** What planners can build conditions on, discovered from the customers and events stored. */
export const catalogRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/fields',
    {
      config: { permission: 'journeys.read' },
      schema: {
        tags: ['catalog'],
        summary: 'Customer attributes with their value types, tags, and events with their properties',
        description: `Read from samples, so it answers as fast on millions of rows as on thousands: about ${defaultSampleSizes.customers} customers (a seeded block sample), the newest ${defaultSampleSizes.events / 2} events and ${defaultSampleSizes.events / 2} more sampled from the whole table. A key or tag that only a few customers hold may be missing; planners can still type any name.`,
        response: { 200: catalogSchema, ...errorResponses },
      },
    },
    async () => discoverFields(app.db),
  );
};
