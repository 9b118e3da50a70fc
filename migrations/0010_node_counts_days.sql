-- Counts of hours older than two days are folded into one row per local day (slot -1) by the
-- sweeper; slot compaction now only reads the per-step slots (1-15), never those day rows.
DROP INDEX "journey_node_counts_unfolded_idx";--> statement-breakpoint
CREATE INDEX "journey_node_counts_hourly_idx" ON "journey_node_counts" USING btree ("hour") WHERE slot = 0;--> statement-breakpoint
CREATE INDEX "journey_node_counts_unfolded_idx" ON "journey_node_counts" USING btree ("hour") WHERE slot > 0;