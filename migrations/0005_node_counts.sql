CREATE TABLE "journey_node_counts" (
	"journey_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"node_id" text NOT NULL,
	"port" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"slot" smallint NOT NULL,
	"passed" bigint NOT NULL,
	CONSTRAINT "journey_node_counts_pk" PRIMARY KEY("journey_id","version","node_id","port","hour","slot")
);
--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "visits" jsonb;--> statement-breakpoint
-- Per-node counts until now, from the transition log this table replaces (one row per customer
-- and node: the largest write of a step, and a scan of millions of rows for every live view).
INSERT INTO "journey_node_counts" ("journey_id", "version", "node_id", "port", "hour", "slot", "passed")
SELECT "journey_id", "version", "node_id", COALESCE("port", 'out'), date_trunc('hour', "at", 'UTC'), 0, count(*)
  FROM "step_transitions"
 GROUP BY 1, 2, 3, 4, 5;--> statement-breakpoint
-- Customers still inside keep their pass counts, so a send on a loop keeps numbering its messages
-- where it left off (the walk reads them only for send nodes on loops).
UPDATE "enrollments" e
   SET "visits" = v."visits"
  FROM (
    SELECT "enrollment_id", jsonb_object_agg("node_id", "n") AS "visits"
      FROM (
        SELECT t."enrollment_id", t."node_id", count(*) AS "n"
          FROM "step_transitions" t
          JOIN "enrollments" live ON live."id" = t."enrollment_id" AND live."status" IN ('active', 'waiting')
         GROUP BY 1, 2
      ) per_node
     GROUP BY 1
  ) v
 WHERE e."id" = v."enrollment_id";--> statement-breakpoint
DROP TABLE "step_transitions" CASCADE;
