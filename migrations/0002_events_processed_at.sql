-- Events stored before this migration were handled by the engine that ran then: they count as
-- processed, so an upgrade never replays history. A non-volatile default fills existing rows
-- without rewriting the table; dropping it right after leaves new events unprocessed (NULL).
ALTER TABLE "events" ADD COLUMN "processed_at" timestamp with time zone DEFAULT now();--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "processed_at" DROP DEFAULT;--> statement-breakpoint
CREATE INDEX "events_unprocessed_idx" ON "events" USING btree ("seq") WHERE processed_at IS NULL;
