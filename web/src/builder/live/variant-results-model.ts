import type { VariantStats } from '../../api/journeys.ts';
import type { Locale } from '../../i18n/index.ts';
import { formatNumber } from '../../ui/format.ts';

/** The variants of one A/B split, in the order the server lists them, and its control group if any. */
export interface SplitResults {
  splitNodeId: string;
  rows: VariantStats[];
  control: VariantStats | undefined;
}

/** How a variant compares with the control group, when the difference is significant at 95%. */
export type Verdict = 'better' | 'worse' | undefined;

/** Groups the server's flat list of variants by split, keeping the order splits first appear in. */
export function groupBySplit(variants: readonly VariantStats[]): SplitResults[] {
  const bySplit = new Map<string, SplitResults>();
  for (const row of variants) {
    let split = bySplit.get(row.splitNodeId);
    if (!split) {
      split = { splitNodeId: row.splitNodeId, rows: [], control: undefined };
      bySplit.set(row.splitNodeId, split);
    }
    split.rows.push(row);
    if (row.control) split.control = row;
  }
  return [...bySplit.values()];
}

/**
 * Better or worse than the control group, only when the server found the difference significant.
 * The direction comes from the lift, or from the rates when the lift is undefined (a control group
 * that converted nobody has no relative lift, yet a variant can still beat it significantly).
 */
export function verdictOf(row: VariantStats, control: VariantStats | undefined): Verdict {
  if (row.significantOverControl !== true) return undefined;
  const difference =
    row.liftOverControl ?? (row.conversionRate ?? 0) - (control?.conversionRate ?? row.conversionRate ?? 0);
  if (difference > 0) return 'better';
  if (difference < 0) return 'worse';
  return undefined;
}

/** A conversion rate with exactly one decimal ("15.0%"), so a column of them lines up; "—" for none. */
export function formatRate(value: number | null, locale: Locale): string {
  return formatNumber(value, locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
}

/** A lift with its sign ("+50.0%", "-45.0%", "0.0%"); "—" for none. */
export function formatLift(value: number | null, locale: Locale): string {
  return formatNumber(value, locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
}
