import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const channels = ['sms', 'wecom', 'push', 'email', 'rm'] as const;
export type Channel = (typeof channels)[number];

/** A saved audience: a condition over profile, tags and event aggregates. */
export const segments = pgTable('segments', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  condition: jsonb('condition').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
});

/** A Handlebars script for one channel. `revision` increases on every edit (optimistic locking). */
export const templates = pgTable('templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  channel: text('channel').$type<Channel>().notNull(),
  locale: text('locale').notNull().default('zh-CN'),
  subject: text('subject'),
  body: text('body').notNull(),
  revision: integer('revision').notNull().default(1),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  archivedAt: timestamp('archived_at', { withTimezone: true }),
});

/** A configured channel connector (an SMS gateway account, a WeCom corp app). */
export const connectors = pgTable('connectors', {
  id: text('id').primaryKey(),
  kind: text('kind').notNull(),
  channel: text('channel').$type<Channel>().notNull(),
  name: text('name').notNull(),
  credentialsEnc: text('credentials_enc'),
  settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
