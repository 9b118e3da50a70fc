-- The RM workbench lists open rm.task waits soonest first, for every manager or for one manager's
-- customers; without these it walked every waiting enrollment.
CREATE INDEX "customers_rm_user_idx" ON "customers" USING btree ("rm_user_id") WHERE rm_user_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "enrollments_rm_tasks_idx" ON "enrollments" USING btree ("wake_at","id") WHERE status = 'waiting' AND waiting_event = 'rm.task.outcome';