import { type Customer, maskCustomer, normalizeEmail, schema } from '@waymark/db';
import { z } from 'zod';

const customerId = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^\r\n]+$/, 'must not contain line breaks');

const phone = z
  .string()
  .max(32)
  .refine((value) => {
    const digits = value.replace(/\D/g, '').length;
    return digits >= 7 && digits <= 15;
  }, 'a phone number has 7 to 15 digits');

/** An e-mail address, lower-cased as the customer store keeps it. */
const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .refine((value) => normalizeEmail(value) !== null, 'an e-mail address such as name@example.cn');

/** One customer to create or update; absent fields keep their stored value, null clears them. */
export const customerInputSchema = z
  .object({
    id: customerId,
    attributes: z.record(z.string().max(64), z.unknown()).optional(),
    tags: z.array(z.string().trim().min(1).max(64)).max(100).optional(),
    consent: z.partialRecord(z.enum(schema.channels), z.boolean()).optional(),
    branch: z.string().max(64).nullable().optional(),
    rmUserId: z.string().max(64).nullable().optional(),
    locale: z.string().max(20).nullable().optional(),
    name: z.string().max(100).nullable().optional(),
    phone: phone.nullable().optional(),
    email: email.nullable().optional(),
    idNumber: z.string().max(32).nullable().optional(),
  })
  .meta({ id: 'CustomerUpsert' });

/** A customer as the API shows it; `piiMasked` says whether name, phone, ID number and e-mail are masked. */
export const customerViewSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    phone: z.string().nullable(),
    idNumber: z.string().nullable(),
    email: z.string().nullable(),
    piiMasked: z.boolean(),
    attributes: z.record(z.string(), z.unknown()),
    tags: z.array(z.string()),
    consent: z.record(z.string(), z.boolean()),
    branch: z.string().nullable(),
    rmUserId: z.string().nullable(),
    locale: z.string().nullable(),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Customer' });

export type CustomerView = z.infer<typeof customerViewSchema>;

/** What the API shows of a customer: PII masked unless `showPii`. */
export function toCustomerView(customer: Customer, showPii: boolean): CustomerView {
  const shown = showPii ? customer : maskCustomer(customer);
  return {
    id: shown.id,
    name: shown.name,
    phone: shown.phone,
    idNumber: shown.idNumber,
    email: shown.email,
    piiMasked: !showPii,
    attributes: shown.attributes,
    tags: shown.tags,
    consent: shown.consent as Record<string, boolean>,
    branch: shown.branch,
    rmUserId: shown.rmUserId,
    locale: shown.locale,
    createdAt: shown.createdAt,
    updatedAt: shown.updatedAt,
  };
}

const at = z.date();
/** One entry of a customer's history (newest first). */
export const timelineItemSchema = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('event'),
      id: z.string(),
      at,
      name: z.string(),
      properties: z.record(z.string(), z.unknown()),
    }),
    z.object({
      kind: z.literal('enrollment'),
      id: z.string(),
      at,
      journeyId: z.string(),
      version: z.number().int(),
      status: z.string(),
      currentNode: z.string(),
      exitedAt: z.date().nullable(),
      exitReason: z.string().nullable(),
    }),
    z.object({
      kind: z.literal('message'),
      id: z.string(),
      at,
      journeyId: z.string().nullable(),
      nodeId: z.string().nullable(),
      channel: z.string(),
      status: z.string(),
      variant: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ])
  .meta({ id: 'TimelineItem' });
