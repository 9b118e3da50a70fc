CREATE TABLE "journey_node_counts" (
	"journey_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"node_id" text NOT NULL,
	"port" text NOT NULL,
	"ab_path" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"slot" smallint NOT NULL,
	"passed" bigint NOT NULL,
	CONSTRAINT "journey_node_counts_pk" PRIMARY KEY("journey_id","version","node_id","port","ab_path","hour","slot")
);
--> statement-breakpoint
ALTER TABLE "enrollments" ADD COLUMN "visits" jsonb;--> statement-breakpoint
-- Per-node counts until now, from the transition log this table replaces (one row per customer
-- and node: the largest write of a step, and a scan of millions of rows for every live view). The
-- log kept no A/B path per pass, so each pass takes the path its customer is on now (as the engine
-- writes it: the choices as JSON with sorted keys, '' before any split).
INSERT INTO "journey_node_counts" ("journey_id", "version", "node_id", "port", "ab_path", "hour", "slot", "passed")
SELECT t."journey_id", t."version", t."node_id", COALESCE(t."port", 'out'),
       COALESCE((SELECT '{' || string_agg(to_json(k)::text || ':' || to_json(v)::text, ',' ORDER BY k COLLATE "C") || '}'
                   FROM jsonb_each_text(e."ab_path") AS x(k, v)), ''),
       date_trunc('hour', t."at", 'UTC'), 0, count(*)
  FROM "step_transitions" t
  LEFT JOIN "enrollments" e ON e."id" = t."enrollment_id"
 GROUP BY 1, 2, 3, 4, 5, 6;--> statement-breakpoint
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
