import { schema } from '@waymark/db';
import { z } from 'zod';

export const connectorIdSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes, e.g. sms-main');

/** Credentials are free-form per connector kind until the connector SDK defines each kind's schema. */
const credentials = z.record(z.string(), z.unknown());

export const connectorCreateSchema = z.object({
  id: connectorIdSchema,
  kind: z.string().min(1).max(64),
  channel: z.enum(schema.channels),
  name: z.string().trim().min(1).max(100),
  credentials: credentials.optional(),
  settings: z.record(z.string(), z.unknown()).default({}),
  enabled: z.boolean().default(true),
});

export const connectorPatchSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    /** Replaces the stored credentials; `null` removes them. */
    credentials: credentials.nullable(),
    settings: z.record(z.string(), z.unknown()),
    enabled: z.boolean(),
  })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'name at least one field to change');

/** A connector as the API shows it: credentials never leave the server, only whether they are set. */
export const connectorViewSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    channel: z.enum(schema.channels),
    name: z.string(),
    settings: z.record(z.string(), z.unknown()),
    enabled: z.boolean(),
    hasCredentials: z.boolean(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Connector' });

export type ConnectorView = z.infer<typeof connectorViewSchema>;

export function toConnectorView(row: typeof schema.connectors.$inferSelect): ConnectorView {
  return {
    id: row.id,
    kind: row.kind,
    channel: row.channel,
    name: row.name,
    settings: row.settings,
    enabled: row.enabled,
    hasCredentials: row.credentialsEnc !== null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
