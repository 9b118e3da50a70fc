import { type Condition, operatorCatalog, tagOperators } from '@waymark/conditions';
import type { FieldSpec, FieldType } from '../fields/field-catalog.ts';
import { useFieldCatalog } from '../fields/use-field-catalog.ts';
import { useI18n } from '../i18n/index.ts';
import { defaultRule, eventCountRule, ruleFor, valueForShape } from './condition-model.ts';
import { EventCountRule } from './event-count-rule.tsx';
import { ValueInput } from './value-input.tsx';

type Leaf = Extract<Condition, { type: 'attribute' | 'property' }>;
type TagLeaf = Extract<Condition, { type: 'tag' }>;

interface RuleProps {
  rule: Condition;
  scope: 'customer' | 'event';
  event?: string | undefined;
  onChange: (rule: Condition) => void;
  onRemove: () => void;
}

const customField = '__custom__';

/** One rule: what to look at (attribute, tag, event property), how to compare, and with what. */
export function ConditionRule({ rule, scope, event, onChange, onRemove }: RuleProps) {
  const { t } = useI18n();
  const catalog = useFieldCatalog();
  const sources = scope === 'event' ? (['property'] as const) : (['attribute', 'tag', 'eventCount'] as const);
  const source =
    rule.type === 'tag' || rule.type === 'property' || rule.type === 'eventCount' ? rule.type : 'attribute';

  function changeSource(next: string) {
    if (next === 'tag') onChange({ type: 'tag', op: 'has', tag: catalog.tags[0] ?? 'vip' });
    else if (next === 'eventCount') onChange(eventCountRule(catalog.events[0]));
    else onChange(defaultRule(next === 'property' ? 'event' : 'customer', event, catalog));
  }

  return (
    <div className="cond-rule" data-testid="condition-rule">
      {scope === 'customer' ? (
        <select
          aria-label={t('condition.source')}
          value={source}
          onChange={(e) => changeSource(e.target.value)}
        >
          {sources.map((value) => (
            <option key={value} value={value}>
              {t(`condition.${value}`)}
            </option>
          ))}
        </select>
      ) : null}
      {rule.type === 'tag' ? <TagRule rule={rule} onChange={onChange} /> : null}
      {rule.type === 'attribute' || rule.type === 'property' ? (
        <ValueRule
          rule={rule}
          fields={rule.type === 'property' ? catalog.eventProperties(event) : catalog.attributes}
          onChange={onChange}
        />
      ) : null}
      {rule.type === 'eventCount' ? <EventCountRule rule={rule} onChange={onChange} /> : null}
      <button
        type="button"
        className="button ghost small icon-button"
        aria-label={t('condition.removeRule')}
        title={t('condition.removeRule')}
        onClick={onRemove}
      >
        ×
      </button>
    </div>
  );
}

function TagRule({ rule, onChange }: { rule: TagLeaf; onChange: (rule: Condition) => void }) {
  const { t, locale } = useI18n();
  const catalog = useFieldCatalog();
  return (
    <>
      <select
        aria-label={t('condition.operator')}
        value={rule.op}
        onChange={(e) => onChange({ ...rule, op: e.target.value as TagLeaf['op'] })}
      >
        {tagOperators.map((info) => (
          <option key={info.op} value={info.op}>
            {info.label[locale]}
          </option>
        ))}
      </select>
      <input
        aria-label={t('condition.tag')}
        list="known-tags"
        value={rule.tag}
        onChange={(e) => onChange({ ...rule, tag: e.target.value })}
      />
      <datalist id="known-tags">
        {catalog.tags.map((tag) => (
          <option key={tag} value={tag} />
        ))}
      </datalist>
    </>
  );
}

function ValueRule({
  rule,
  fields,
  onChange,
}: {
  rule: Leaf;
  fields: readonly FieldSpec[];
  onChange: (rule: Condition) => void;
}) {
  const { t, locale } = useI18n();
  const known = fields.find((field) => field.name === rule.field);
  const operators = operatorCatalog[rule.valueType] as readonly {
    op: string;
    shape: string;
    label: Record<string, string>;
  }[];
  const operator = operators.find((info) => info.op === rule.op);
  const shape = operator?.shape ?? 'single';

  function changeField(name: string) {
    if (name === customField) {
      onChange({ ...rule, field: known ? '' : rule.field } as Condition);
      return;
    }
    const spec = fields.find((field) => field.name === name);
    onChange(ruleFor(rule.type, name, spec?.valueType ?? rule.valueType));
  }

  function changeOperator(op: string) {
    const info = operators.find((candidate) => candidate.op === op);
    const value = valueForShape(
      info?.shape ?? 'single',
      rule.valueType,
      'value' in rule ? rule.value : undefined,
    );
    const next = { ...rule, op, value } as Record<string, unknown>;
    if (value === undefined) delete next.value;
    onChange(next as Condition);
  }

  function changeValueType(valueType: FieldType) {
    onChange(ruleFor(rule.type, rule.field, valueType));
  }

  const value = 'value' in rule ? rule.value : undefined;
  const setValue = (next: unknown) => onChange({ ...rule, value: next } as Condition);
  return (
    <>
      <select
        aria-label={t('condition.field')}
        value={known ? rule.field : customField}
        onChange={(e) => changeField(e.target.value)}
      >
        {fields.map((field) => (
          <option key={field.name} value={field.name}>
            {field.label[locale]}
          </option>
        ))}
        <option value={customField}>{t('condition.customField')}</option>
      </select>
      {known ? null : (
        <>
          <input
            aria-label={t('condition.customFieldName')}
            placeholder={t('condition.customFieldName')}
            className="cond-narrow"
            value={rule.field}
            onChange={(e) => onChange({ ...rule, field: e.target.value })}
          />
          <select
            aria-label={t('condition.value')}
            value={rule.valueType}
            onChange={(e) => changeValueType(e.target.value as FieldType)}
          >
            {(['number', 'string', 'boolean', 'date'] as const).map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </>
      )}
      <select
        aria-label={t('condition.operator')}
        value={rule.op}
        onChange={(e) => changeOperator(e.target.value)}
      >
        {operators.map((info) => (
          <option key={info.op} value={info.op}>
            {info.label[locale]}
          </option>
        ))}
      </select>
      <ValueInput
        shape={shape}
        valueType={rule.valueType}
        value={value}
        options={known?.options}
        onChange={setValue}
      />
    </>
  );
}
