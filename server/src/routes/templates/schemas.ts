import { schema } from '@waymark/db';
import { type TemplateLocale, templateLocales } from '@waymark/templates';
import { z } from 'zod';

const templateFields = {
  name: z.string().trim().min(1).max(100),
  channel: z.enum(schema.channels),
  locale: z.enum(templateLocales as [TemplateLocale, ...TemplateLocale[]]).default('zh-CN'),
  subject: z.string().max(500).nullable().default(null).describe('E-mail subject (may use variables)'),
  body: z.string().min(1).max(100_000).describe('The Handlebars script'),
};

export const templateCreateSchema = z.object(templateFields);

/** A full replacement of the editable fields, naming the revision the editor started from. */
export const templateUpdateSchema = z.object({
  ...templateFields,
  revision: z.number().int().min(1).describe('The revision you loaded; a newer one answers 409'),
});

export const templateViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    channel: z.enum(schema.channels),
    locale: z.string(),
    subject: z.string().nullable(),
    body: z.string(),
    revision: z.number().int(),
    variables: z.array(z.string()).describe('Variables the script reads'),
    createdBy: z.string().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
    archivedAt: z.date().nullable(),
  })
  .meta({ id: 'Template' });

export type TemplateView = z.infer<typeof templateViewSchema>;

/** A located problem in a script (1-based line and column). */
export const templateProblemSchema = z
  .object({
    code: z.string(),
    message: z.string(),
    line: z.number().int().optional(),
    column: z.number().int().optional(),
  })
  .meta({ id: 'TemplateProblem' });

export const previewRequestSchema = z
  .object({
    body: z.string().max(100_000).optional().describe('A script to try (unsaved); or give templateId'),
    templateId: z.string().optional(),
    channel: z
      .enum(schema.channels)
      .optional()
      .describe('Decides escaping (e-mail is HTML); default: the template’s, else sms'),
    customerId: z.string().max(64).optional().describe('Fill with this customer’s profile'),
    sample: z
      .object({
        name: z.string().max(100).nullable().optional(),
        phone: z.string().max(32).nullable().optional(),
        attributes: z.record(z.string(), z.unknown()).optional(),
        tags: z.array(z.string()).optional(),
      })
      .optional()
      .describe('Or fill with these made-up values'),
    event: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('Properties of the triggering event, as {{event.*}}'),
  })
  .refine((r) => (r.body === undefined) !== (r.templateId === undefined), {
    message: 'give either body or templateId',
    path: ['body'],
  });

export const previewResponseSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    text: z.string(),
    variables: z.array(z.string()),
    sms: z
      .object({
        encoding: z.enum(['GSM-7', 'UCS-2']),
        characters: z.number().int(),
        units: z.number().int(),
        segments: z.number().int().describe('Billable SMS parts'),
        unitsPerSegment: z.number().int(),
      })
      .optional(),
  }),
  z.object({ ok: z.literal(false), error: templateProblemSchema }),
]);
