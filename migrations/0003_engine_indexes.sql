-- A trigger (an event, a segment run) enrolls a customer at most once per journey. Before this
-- index a race could, rarely, have stored a repeat: keep the first entry's marker, clear the
-- others', so the upgrade cannot fail on old data.
UPDATE "enrollments" SET "trigger_event_id" = NULL
 WHERE "id" IN (SELECT "id" FROM (SELECT "id", row_number() OVER (PARTITION BY "journey_id", "customer_id", "trigger_event_id" ORDER BY "id") AS n
                                  FROM "enrollments" WHERE "trigger_event_id" IS NOT NULL) d
                WHERE d.n > 1);--> statement-breakpoint
CREATE UNIQUE INDEX "enrollments_trigger_idx" ON "enrollments" USING btree ("journey_id","customer_id","trigger_event_id") WHERE trigger_event_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "enrollments_stale_active_idx" ON "enrollments" USING btree ("updated_at") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "messages_provider_message_idx" ON "messages" USING btree ("provider_message_id");--> statement-breakpoint
CREATE INDEX "messages_unsettled_idx" ON "messages" USING btree ("updated_at") WHERE status IN ('unknown', 'queued');
