import { defineConfig } from 'drizzle-kit';

// `pnpm --filter @waymark/db generate` diffs the schema against migrations/meta and writes the
// next SQL file into the repository's top-level migrations/ folder, which the migrator applies.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: '../../migrations',
});
