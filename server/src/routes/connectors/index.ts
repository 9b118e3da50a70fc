import { schema } from '@waymark/db';
import { asc, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAudit } from '../../audit/record-audit.ts';
import { appError } from '../../errors/app-error.ts';
import { isUniqueViolation } from '../../lib/db-errors.ts';
import { errorResponses, idParams, noContent } from '../../lib/http-schemas.ts';
import { principalOf } from '../../plugins/authenticate.ts';
import { journeysSendingThrough } from './connector-usage.ts';
import {
  connectorCreateSchema,
  connectorPatchSchema,
  connectorViewSchema,
  toConnectorView,
} from './schemas.ts';

const { connectors } = schema;

/**
 * Channel connectors (an SMS gateway account, a WeCom app). Credentials are encrypted with the PII
 * cipher and never returned; the connector kinds themselves come with the connector SDK.
 */
export const connectorRoutes: FastifyPluginAsyncZod = async (app) => {
  const encryptCredentials = (credentials: Record<string, unknown>) =>
    app.cipher.encrypt(JSON.stringify(credentials));

  app.post(
    '',
    {
      config: { permission: 'connectors.write' },
      schema: {
        tags: ['connectors'],
        summary: 'Add a connector',
        body: connectorCreateSchema,
        response: { 201: connectorViewSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { credentials, ...fields } = request.body;
      const now = app.clock.now();
      try {
        const row = await app.db.transaction(async (tx) => {
          const [inserted] = await tx.orm
            .insert(connectors)
            .values({
              ...fields,
              credentialsEnc: credentials ? encryptCredentials(credentials) : null,
              createdAt: now,
              updatedAt: now,
            })
            .returning();
          if (!inserted) throw new Error('insert returned no row');
          await recordAudit(tx, now, {
            actor: principalOf(request),
            action: 'connector.created',
            subjectType: 'connector',
            subjectId: inserted.id,
            details: {
              kind: inserted.kind,
              channel: inserted.channel,
              hasCredentials: credentials !== undefined,
            },
          });
          return inserted;
        });
        return reply.status(201).send(toConnectorView(row));
      } catch (error) {
        if (isUniqueViolation(error)) throw appError('connector.id-taken', `"${fields.id}" is already used.`);
        throw error;
      }
    },
  );

  app.get(
    '',
    {
      config: { permission: 'connectors.read' },
      schema: {
        tags: ['connectors'],
        summary: 'All connectors',
        response: { 200: z.object({ items: z.array(connectorViewSchema) }), ...errorResponses },
      },
    },
    async () => {
      const rows = await app.db.orm.select().from(connectors).orderBy(asc(connectors.id));
      return { items: rows.map(toConnectorView) };
    },
  );

  app.get(
    '/:id',
    {
      config: { permission: 'connectors.read' },
      schema: {
        tags: ['connectors'],
        summary: 'One connector',
        params: idParams,
        response: { 200: connectorViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const [row] = await app.db.orm.select().from(connectors).where(eq(connectors.id, request.params.id));
      if (!row) throw appError('connector.not-found');
      return toConnectorView(row);
    },
  );

  app.patch(
    '/:id',
    {
      config: { permission: 'connectors.write' },
      schema: {
        tags: ['connectors'],
        summary: 'Rename, re-configure, enable/disable or replace the credentials of a connector',
        params: idParams,
        body: connectorPatchSchema,
        response: { 200: connectorViewSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { credentials, ...fields } = request.body;
      const now = app.clock.now();
      const row = await app.db.transaction(async (tx) => {
        const [updated] = await tx.orm
          .update(connectors)
          .set({
            ...fields,
            ...(credentials !== undefined && {
              credentialsEnc: credentials === null ? null : encryptCredentials(credentials),
            }),
            updatedAt: now,
          })
          .where(eq(connectors.id, request.params.id))
          .returning();
        if (!updated) return undefined;
        await recordAudit(tx, now, {
          actor: principalOf(request),
          action: 'connector.updated',
          subjectType: 'connector',
          subjectId: updated.id,
          // Which fields changed, never the credentials themselves.
          details: { fields: Object.keys(request.body) },
        });
        return updated;
      });
      if (!row) throw appError('connector.not-found');
      return toConnectorView(row);
    },
  );

  app.delete(
    '/:id',
    {
      config: { permission: 'connectors.write' },
      schema: {
        tags: ['connectors'],
        summary: 'Remove a connector',
        params: idParams,
        response: { 204: noContent, ...errorResponses },
      },
    },
    async (request, reply) => {
      const now = app.clock.now();
      const users = await journeysSendingThrough(app.db, request.params.id);
      if (users.length > 0) {
        throw appError('connector.in-use', `Used by: ${users.map((j) => j.name).join(', ')}.`, {
          extensions: { journeys: users },
        });
      }
      const deleted = await app.db.transaction(async (tx) => {
        const rows = await tx.orm
          .delete(connectors)
          .where(eq(connectors.id, request.params.id))
          .returning({ id: connectors.id });
        if (rows.length > 0) {
          await recordAudit(tx, now, {
            actor: principalOf(request),
            action: 'connector.deleted',
            subjectType: 'connector',
            subjectId: request.params.id,
          });
        }
        return rows.length > 0;
      });
      if (!deleted) throw appError('connector.not-found');
      return reply.status(204).send(null);
    },
  );
};
