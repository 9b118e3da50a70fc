import type { Executor, SplitStats } from '../../runtime.ts';
import { controlPortId, type SplitAbConfig } from './definition.ts';

/**
 * Picks a variant by weight with the customer's stable draw for this split, so a retry always
 * takes the same branch. `auto-winner` sends everyone to a variant once it converts significantly
 * better than every other; `bandit` shifts weight towards the variants that convert. The control
 * group keeps its share in every mode, so lift stays measurable.
 */
export const splitAbExecutor: Executor<'split.ab'> = ({ node, random, splitStats }) => {
  const { config } = node;
  const weights = effectiveWeights(config, splitStats);
  const total = weights.reduce((sum, w) => sum + w.weight, 0);
  const draw = random(node.id) * total;
  let cumulative = 0;
  let chosen = weights.at(-1)?.id ?? controlPortId;
  for (const w of weights) {
    cumulative += w.weight;
    if (draw < cumulative) {
      chosen = w.id;
      break;
    }
  }
  return { kind: 'advance', port: chosen, abChoice: { splitNodeId: node.id, variant: chosen } };
};

const minimumSample = 100;

function effectiveWeights(
  config: SplitAbConfig,
  stats: SplitStats | undefined,
): { id: string; weight: number }[] {
  const control = config.control ? [{ id: controlPortId, weight: config.control.weight }] : [];
  const configured = config.variants.map((v) => ({ id: v.id, weight: v.weight }));
  if (config.mode === 'fixed' || !stats) return [...configured, ...control];
  const variantShare = configured.reduce((sum, v) => sum + v.weight, 0);
  const rates = configured.map((v) => {
    const s = stats[v.id] ?? { entered: 0, converted: 0 };
    return { id: v.id, n: s.entered, rate: s.entered > 0 ? s.converted / s.entered : 0 };
  });
  if (rates.some((r) => r.n < minimumSample)) return [...configured, ...control];
  if (config.mode === 'auto-winner') {
    const best = rates.reduce((a, b) => (b.rate > a.rate ? b : a));
    const significant = rates.every((other) => other.id === best.id || zScore(best, other) > 1.96);
    return significant ? [{ id: best.id, weight: variantShare }, ...control] : [...configured, ...control];
  }
  // Bandit: each variant's share follows its smoothed conversion rate, never below 5 % of the share.
  const smoothed = rates.map((r) => ({ id: r.id, score: (r.rate * r.n + 1) / (r.n + 2) }));
  const scoreSum = smoothed.reduce((sum, r) => sum + r.score, 0);
  const floor = variantShare * 0.05;
  const spread = variantShare - floor * smoothed.length;
  return [...smoothed.map((r) => ({ id: r.id, weight: floor + (spread * r.score) / scoreSum })), ...control];
}

/** Two-proportion z statistic of `a` over `b`. */
function zScore(a: { n: number; rate: number }, b: { n: number; rate: number }): number {
  const pooled = (a.rate * a.n + b.rate * b.n) / (a.n + b.n);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
  return se === 0 ? 0 : (a.rate - b.rate) / se;
}
