import type { FieldType } from '../fields/field-catalog.ts';
import { useI18n } from '../i18n/index.ts';
import { parseList } from './condition-model.ts';

interface ValueInputProps {
  shape: string;
  valueType: FieldType;
  value: unknown;
  options?: readonly string[] | undefined;
  onChange: (value: unknown) => void;
}

/** The value box of a rule, shaped by its operator: none, one value, a pair, a list or a number of days. */
export function ValueInput({ shape, valueType, value, options, onChange }: ValueInputProps) {
  const { t } = useI18n();
  const label = t('condition.value');
  const numberOrRaw = (text: string) => (text.trim() === '' ? text : Number(text));
  if (shape === 'none') return null;
  if (shape === 'pair') {
    const pair = Array.isArray(value) ? value : [0, 0];
    return (
      <span className="row">
        <input
          type="number"
          className="cond-narrow"
          aria-label={label}
          value={String(pair[0] ?? '')}
          onChange={(e) => onChange([numberOrRaw(e.target.value), pair[1]])}
        />
        –
        <input
          type="number"
          className="cond-narrow"
          aria-label={label}
          value={String(pair[1] ?? '')}
          onChange={(e) => onChange([pair[0], numberOrRaw(e.target.value)])}
        />
      </span>
    );
  }
  if (shape === 'list') {
    return (
      <input
        aria-label={label}
        title={t('condition.listHint')}
        placeholder={t('condition.listHint')}
        defaultValue={Array.isArray(value) ? value.join(', ') : ''}
        onBlur={(e) => onChange(parseList(e.target.value, valueType))}
      />
    );
  }
  if (shape === 'days') {
    return (
      <span className="row">
        <input
          type="number"
          min={0}
          className="cond-narrow"
          aria-label={label}
          value={String(value ?? '')}
          onChange={(e) => onChange(numberOrRaw(e.target.value))}
        />
        {t('wait.days')}
      </span>
    );
  }
  if (valueType === 'boolean') {
    return (
      <select aria-label={label} value={String(value)} onChange={(e) => onChange(e.target.value === 'true')}>
        <option value="true">{t('common.yes')}</option>
        <option value="false">{t('common.no')}</option>
      </select>
    );
  }
  if (valueType === 'number') {
    return (
      <input
        type="number"
        aria-label={label}
        className="cond-value"
        value={String(value ?? '')}
        onChange={(e) => onChange(numberOrRaw(e.target.value))}
      />
    );
  }
  if (valueType === 'date') {
    return (
      <input
        type="date"
        aria-label={label}
        value={String(value ?? '')}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  if (options && options.length > 0) {
    return (
      <select aria-label={label} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)}>
        <option value="" />
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    );
  }
  return (
    <input
      aria-label={label}
      className="cond-value"
      value={String(value ?? '')}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
