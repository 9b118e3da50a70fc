import type { JourneyGraph } from '@waymark/journey';
import { z } from 'zod';
import { type PortCount, variantOf } from './node-counts.ts';

export const variantStatsSchema = z
  .object({
    splitNodeId: z.string(),
    variant: z.string().describe('The variant id, or "control" for the hold-out group'),
    label: z.string(),
    control: z.boolean(),
    entered: z.number().int().describe('Customers the split sent this way'),
    sent: z.number().int().describe('Messages sent to them (every send node after the split)'),
    converted: z.number().int(),
    conversionRate: z.number().nullable().describe('converted / entered; null before anyone entered'),
    value: z.number().describe('Sum of the conversions’ values'),
    liftOverControl: z
      .number()
      .nullable()
      .describe('Relative difference of the conversion rate to the control group’s; null without one'),
    significantOverControl: z
      .boolean()
      .nullable()
      .describe('Whether the difference to the control group is significant at 95% (two-proportion z-test)'),
  })
  .meta({ id: 'VariantStats' });
export type VariantStats = z.infer<typeof variantStatsSchema>;

/** Conversions of a journey grouped by the A/B path they are attributed to. */
export type ConversionsByPath = {
  abPath: Record<string, string>;
  n: number;
  value: number;
};

type SplitConfig = {
  variants: { id: string; label: string }[];
  control?: { weight: number };
};

/**
 * Per variant of every A/B split in the graph: who entered it, what they were sent and how they
 * converted, with lift and significance against the control group where the split has one.
 */
export function variantStats(
  graph: JourneyGraph,
  ports: readonly PortCount[],
  conversions: readonly ConversionsByPath[],
): VariantStats[] {
  const sendNodes = new Set(graph.nodes.filter((n) => n.type === 'send').map((n) => n.id));
  const out: VariantStats[] = [];
  for (const split of graph.nodes) {
    if (split.type !== 'split.ab') continue;
    const config = split.config as SplitConfig;
    const arms = [
      ...(config.variants ?? []).map((v) => ({ id: v.id, label: v.label, control: false })),
      ...(config.control ? [{ id: 'control', label: 'Control', control: true }] : []),
    ];
    const rows = arms.map((arm) => {
      let entered = 0;
      let sent = 0;
      for (const p of ports) {
        if (p.nodeId === split.id && p.port === arm.id) entered += p.n;
        else if (sendNodes.has(p.nodeId) && p.port === 'sent' && variantOf(p.abPath, split.id) === arm.id)
          sent += p.n;
      }
      let converted = 0;
      let value = 0;
      for (const c of conversions) {
        if (variantOf(c.abPath, split.id) !== arm.id) continue;
        converted += c.n;
        value += c.value;
      }
      return { ...arm, entered, sent, converted, value };
    });
    const control = rows.find((row) => row.control);
    for (const row of rows) {
      const versus = control && !row.control ? compare(row, control) : undefined;
      out.push({
        splitNodeId: split.id,
        variant: row.id,
        label: row.label,
        control: row.control,
        entered: row.entered,
        sent: row.sent,
        converted: row.converted,
        conversionRate: row.entered > 0 ? row.converted / row.entered : null,
        value: row.value,
        liftOverControl: versus?.lift ?? null,
        significantOverControl: versus?.significant ?? null,
      });
    }
  }
  return out;
}

/** Lift of `arm` over `control` and whether a two-proportion z-test finds it significant at 95%. */
function compare(
  arm: { entered: number; converted: number },
  control: { entered: number; converted: number },
): { lift: number | null; significant: boolean } | undefined {
  if (arm.entered === 0 || control.entered === 0) return undefined;
  const a = arm.converted / arm.entered;
  const b = control.converted / control.entered;
  const pooled = (arm.converted + control.converted) / (arm.entered + control.entered);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / arm.entered + 1 / control.entered));
  return { lift: b > 0 ? (a - b) / b : null, significant: se > 0 && Math.abs(a - b) / se > 1.96 };
}
