ALTER TABLE "approvals" ADD COLUMN "note" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "journey_versions" ADD CONSTRAINT "journey_versions_approval_id_approvals_id_fk" FOREIGN KEY ("approval_id") REFERENCES "public"."approvals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "approvals_one_pending_per_journey" ON "approvals" USING btree ("journey_id") WHERE "approvals"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "approvals_journey_requested_idx" ON "approvals" USING btree ("journey_id","requested_at");--> statement-breakpoint
CREATE INDEX "approvals_status_requested_idx" ON "approvals" USING btree ("status","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "journey_versions_approval_id_key" ON "journey_versions" USING btree ("approval_id");