import fc from 'fast-check';
import { expect, it } from 'vitest';
import { jobId } from '../src/index.ts';

it('gives the same work the same id, and different work different ids', () => {
  expect(jobId('step', 'entered', 42)).toBe('step-entered-42');
  expect(jobId('step', 'entered', 42)).toBe(jobId('step', 'entered', 42));
  expect(jobId('step', 'entered', 42)).not.toBe(jobId('step', 'entered', 43));
});

it('never produces an id BullMQ refuses (a colon, or a plain integer)', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1 }), fc.array(fc.oneof(fc.string(), fc.integer())), (kind, parts) => {
      const id = jobId(`k${kind.replace(/[^a-z]/g, '')}`, ...parts);
      return !id.includes(':') && `${Number.parseInt(id, 10)}` !== id;
    }),
  );
});

it('hashes free-text parts such as caller event ids', () => {
  const id = jobId('ev', 'crm:deposit:2026-11-23T10:00:00Z#1');
  expect(id).toMatch(/^ev-h[0-9a-f]{24}$/);
  expect(jobId('ev', 'crm:deposit:2026-11-23T10:00:00Z#2')).not.toBe(id);
});
