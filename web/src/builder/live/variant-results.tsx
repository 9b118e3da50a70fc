import type { VariantStats } from '../../api/journeys.ts';
import { useI18n } from '../../i18n/index.ts';
import { formatNumber } from '../../ui/format.ts';
import { formatLift, formatRate, groupBySplit, type Verdict, verdictOf } from './variant-results-model.ts';

/**
 * One compact results table per A/B split: who each variant reached, how it converted and how
 * that compares with the control group. Significant differences (95%) are filled green or red
 * with an arrow; everything else stays plain, so an unproven lift does not look like a win. A
 * split without a control group has no lift column (it would be all dashes) and says why.
 */
export function VariantResults({
  variants,
  splitName,
}: {
  variants: readonly VariantStats[];
  splitName: (splitNodeId: string) => string;
}) {
  const { t } = useI18n();
  const splits = groupBySplit(variants);
  if (splits.length === 0) return null;
  return (
    <div className="variant-results" data-testid="variant-results">
      <h4>{t('live.abTitle')}</h4>
      {splits.map((split) => (
        <div className="variant-split" key={split.splitNodeId}>
          <table className="results-table" data-split={split.splitNodeId}>
            <caption>{splitName(split.splitNodeId)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('live.variant')}</th>
                <th scope="col" className="num">
                  {t('live.entered')}
                </th>
                <th scope="col" className="num" title={t('live.sentHint')}>
                  {t('live.sent')}
                </th>
                <th scope="col" className="num">
                  {t('live.converted')}
                </th>
                <th scope="col" className="num" title={t('live.rateHint')}>
                  {t('live.rate')}
                </th>
                {split.control ? (
                  <th scope="col" className="num" title={t('live.liftHint')}>
                    {t('live.lift')}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {split.rows.map((row) => (
                <VariantRow
                  key={row.variant}
                  row={row}
                  verdict={verdictOf(row, split.control)}
                  withLift={split.control !== undefined}
                />
              ))}
            </tbody>
          </table>
          <p className="results-note">{split.control ? t('live.liftNote') : t('live.noControl')}</p>
        </div>
      ))}
    </div>
  );
}

function VariantRow({ row, verdict, withLift }: { row: VariantStats; verdict: Verdict; withLift: boolean }) {
  const { t, locale } = useI18n();
  const label = row.control ? t('live.control') : row.label;
  return (
    <tr data-variant={row.variant} data-verdict={verdict ?? 'none'} className={row.control ? 'control' : ''}>
      <th scope="row" title={label}>
        {label}
      </th>
      <td className="num">{formatNumber(row.entered, locale)}</td>
      <td className="num">{formatNumber(row.sent, locale)}</td>
      <td className="num" title={t('live.valueHint', { value: formatNumber(row.value, locale) })}>
        {formatNumber(row.converted, locale)}
      </td>
      <td className="num">{formatRate(row.conversionRate, locale)}</td>
      {withLift ? (
        <td className="num">
          <Lift row={row} verdict={verdict} />
        </td>
      ) : null}
    </tr>
  );
}

function Lift({ row, verdict }: { row: VariantStats; verdict: Verdict }) {
  const { t, locale } = useI18n();
  const lift = formatLift(row.liftOverControl, locale);
  if (!verdict) {
    const hint = row.significantOverControl === false ? t('live.notSignificant') : undefined;
    return (
      <span className="lift" title={hint}>
        {lift}
      </span>
    );
  }
  const meaning = verdict === 'better' ? t('live.significantlyBetter') : t('live.significantlyWorse');
  return (
    <span className={`lift lift-${verdict}`} title={meaning} data-testid="significance">
      <span aria-hidden="true">{verdict === 'better' ? '▲' : '▼'}</span>
      {row.liftOverControl === null ? null : ` ${lift}`}
      <span className="visually-hidden"> {meaning}</span>
    </span>
  );
}
