-- The receipt poll's list of sends still to ask about: only sends through connectors that poll
-- (marked in the event's detail) are indexed, so every other send costs no index write.
CREATE INDEX "message_events_poll_idx" ON "message_events" USING btree ("at") WHERE status = 'sent' AND detail ? 'pollReceipt';