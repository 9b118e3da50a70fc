import type { Db } from '@waymark/db';
import { Gauge, type Registry } from 'prom-client';

/**
 * Gauges read from the database at scrape time (cheap indexed counts), so they are right across
 * several server processes without any process keeping its own tally.
 */
export function registerBusinessGauges(registry: Registry, db: Db): void {
  new Gauge({
    name: 'waymark_journeys',
    help: 'Journeys by status',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const rows = await db.query<{ status: string; n: number }>(
        'SELECT status, count(*)::int AS n FROM journeys GROUP BY status',
      );
      this.reset();
      for (const row of rows) this.set({ status: row.status }, row.n);
    },
  });
  new Gauge({
    name: 'waymark_imports_running',
    help: 'CSV imports still running',
    registers: [registry],
    async collect() {
      const [row] = await db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM imports WHERE status = 'running'",
      );
      this.set(row?.n ?? 0);
    },
  });
}
