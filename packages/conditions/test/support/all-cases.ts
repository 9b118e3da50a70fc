import { dateCases } from './date-cases.ts';
import type { EdgeCase } from './edge-cases.ts';
import { otherCases } from './other-cases.ts';
import { valueCases } from './value-cases.ts';

/** Every edge case, each with the id its customer row gets in Postgres. */
export const allCases: (EdgeCase & { id: string })[] = [...valueCases, ...dateCases, ...otherCases].map(
  (c, i) => ({
    ...c,
    id: `E${String(i + 1).padStart(4, '0')}`,
  }),
);
