import type { ConfigOf } from '@waymark/journey';
import type { FieldCatalog, FieldSpec } from '../../../fields/field-catalog.ts';
import { useFieldCatalog } from '../../../fields/use-field-catalog.ts';
import { useI18n } from '../../../i18n/index.ts';
import { useProblemText } from '../../problems/problem-text.tsx';
import { Field, type NodeFormProps, numberFromInput, problemsAt } from '../form-kit.tsx';
import { WeekdayPicker } from '../weekday-picker.tsx';

type UntilConfig = ConfigOf<'wait.until'>;

/** Attributes holding a date; all of them when the catalog knows of none (any may be typed). */
function dateAttributes(catalog: FieldCatalog): readonly FieldSpec[] {
  const dates = catalog.attributes.filter((field) => field.valueType === 'date');
  return dates.length > 0 ? dates : catalog.attributes;
}

/** `2026-11-23T09:30` (local, from the input) → ISO with the browser's offset, as the schema wants. */
function localToIso(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
  return `${value.length === 16 ? `${value}:00` : value}${sign}${pad(offset / 60)}:${pad(offset % 60)}`;
}

/** Wait until: a date, the next time of day, or a date held in the profile. */
export function WaitUntilForm({ config, onChange, problems, readOnly }: NodeFormProps<UntilConfig>) {
  const { t } = useI18n();
  const problemText = useProblemText();
  const catalog = useFieldCatalog();
  const value = config as Partial<UntilConfig> & Record<string, unknown>;
  const errors = (field: string) => problemsAt(problems, [field], problemText);
  return (
    <fieldset disabled={readOnly} className="form">
      <Field label={t('forms.waitUntilKind')}>
        {(id) => (
          <select
            id={id}
            value={value.kind ?? 'timeOfDay'}
            onChange={(e) => {
              const kind = e.target.value;
              if (kind === 'date') onChange({ kind: 'date', at: '' } as Partial<UntilConfig>);
              else if (kind === 'attribute')
                onChange({ kind: 'attribute', attribute: '', offsetDays: 0 } as Partial<UntilConfig>);
              else onChange({ kind: 'timeOfDay', time: '09:00' } as Partial<UntilConfig>);
            }}
          >
            <option value="timeOfDay">{t('forms.untilTimeOfDay')}</option>
            <option value="date">{t('forms.untilDate')}</option>
            <option value="attribute">{t('forms.untilAttribute')}</option>
          </select>
        )}
      </Field>
      {value.kind === 'date' ? (
        <Field label={t('forms.date')} errors={errors('at')}>
          {(id, invalid) => (
            <input
              id={id}
              type="datetime-local"
              aria-invalid={invalid || undefined}
              value={typeof value.at === 'string' ? value.at.slice(0, 16) : ''}
              onChange={(e) =>
                onChange({ kind: 'date', at: localToIso(e.target.value) } as Partial<UntilConfig>)
              }
            />
          )}
        </Field>
      ) : null}
      {value.kind === 'attribute' ? (
        <>
          <Field label={t('forms.dateAttribute')} errors={errors('attribute')}>
            {(id) => (
              <input
                id={id}
                list="date-attributes"
                value={String(value.attribute ?? '')}
                onChange={(e) =>
                  onChange({ ...value, attribute: e.target.value } as Partial<UntilConfig>, 'attribute')
                }
              />
            )}
          </Field>
          <datalist id="date-attributes">
            {dateAttributes(catalog).map((field) => (
              <option key={field.name} value={field.name} />
            ))}
          </datalist>
          <Field label={t('forms.offsetDays')} hint={t('forms.offsetDaysHint')} errors={errors('offsetDays')}>
            {(id) => (
              <input
                id={id}
                type="number"
                value={String(value.offsetDays ?? '')}
                onChange={(e) =>
                  onChange(
                    { ...value, offsetDays: numberFromInput(e.target.value) } as Partial<UntilConfig>,
                    'offset',
                  )
                }
              />
            )}
          </Field>
        </>
      ) : null}
      {value.kind !== 'date' ? (
        <Field label={t('forms.time')} errors={errors('time')}>
          {(id) => (
            <input
              id={id}
              type="time"
              value={String(value.time ?? '')}
              onChange={(e) => onChange({ ...value, time: e.target.value } as Partial<UntilConfig>, 'time')}
            />
          )}
        </Field>
      ) : null}
      {value.kind === 'timeOfDay' || value.kind === undefined ? (
        <WeekdayPicker
          value={Array.isArray(value.weekdays) ? (value.weekdays as number[]) : []}
          onChange={(weekdays) => {
            const next = { ...value, weekdays } as Record<string, unknown>;
            if (weekdays.length === 0) delete next.weekdays;
            onChange(next as Partial<UntilConfig>);
          }}
        />
      ) : null}
    </fieldset>
  );
}
