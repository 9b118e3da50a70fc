import { type Condition, countOperators } from '@waymark/conditions';
import { useFieldCatalog } from '../fields/use-field-catalog.ts';
import { useI18n } from '../i18n/index.ts';

type CountLeaf = Extract<Condition, { type: 'eventCount' }>;

const asNumber = (text: string) => (text.trim() === '' ? (text as unknown as number) : Number(text));

/** "card_txn at least 2 times in the last 30 days": how often an event happened to the customer. */
export function EventCountRule({ rule, onChange }: { rule: CountLeaf; onChange: (rule: Condition) => void }) {
  const { t, locale } = useI18n();
  const catalog = useFieldCatalog();
  return (
    <>
      <input
        aria-label={t('condition.event')}
        list="count-events"
        className="cond-value"
        value={rule.event}
        onChange={(e) => onChange({ ...rule, event: e.target.value.trim() })}
      />
      <datalist id="count-events">
        {catalog.events.map((event) => (
          <option key={event} value={event} />
        ))}
      </datalist>
      <select
        aria-label={t('condition.operator')}
        value={rule.op}
        onChange={(e) => onChange({ ...rule, op: e.target.value as CountLeaf['op'] })}
      >
        {countOperators.map((info) => (
          <option key={info.op} value={info.op}>
            {info.label[locale]}
          </option>
        ))}
      </select>
      <input
        type="number"
        min={0}
        className="cond-narrow"
        aria-label={t('condition.value')}
        value={String(rule.count)}
        onChange={(e) => onChange({ ...rule, count: asNumber(e.target.value) })}
      />
      {t('condition.times')}
      <span>{t('condition.inTheLast')}</span>
      <input
        type="number"
        min={1}
        className="cond-narrow"
        aria-label={t('condition.withinDays')}
        value={String(rule.withinDays)}
        onChange={(e) => onChange({ ...rule, withinDays: asNumber(e.target.value) })}
      />
      {t('wait.days')}
    </>
  );
}
