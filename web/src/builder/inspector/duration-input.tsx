import { useI18n } from '../../i18n/index.ts';
import { Field, numberFromInput } from './form-kit.tsx';

const units = ['minutes', 'hours', 'days'] as const;
type Unit = (typeof units)[number];

interface DurationInputProps {
  label: string;
  value: { amount?: number | undefined; unit?: Unit | undefined };
  errors?: readonly string[];
  onChange: (value: { amount: number; unit: Unit }) => void;
}

/** An amount and a unit (minutes / hours / days), as waits and timeouts take them. */
export function DurationInput({ label, value, errors, onChange }: DurationInputProps) {
  const { t } = useI18n();
  const unit = value.unit ?? 'days';
  return (
    <Field label={label} errors={errors}>
      {(id, invalid) => (
        <div className="row">
          <input
            id={id}
            type="number"
            min={1}
            className="grow"
            aria-invalid={invalid || undefined}
            value={value.amount === undefined ? '' : String(value.amount)}
            onChange={(e) => onChange({ amount: numberFromInput(e.target.value) as number, unit })}
          />
          <select
            aria-label={t('wait.unit')}
            value={unit}
            onChange={(e) => onChange({ amount: value.amount ?? 1, unit: e.target.value as Unit })}
          >
            {units.map((option) => (
              <option key={option} value={option}>
                {t(`wait.${option}`)}
              </option>
            ))}
          </select>
        </div>
      )}
    </Field>
  );
}
