import type { ConfigOf } from '@waymark/journey';
import { ConditionBuilder } from '../../../conditions/condition-builder.tsx';
import { useFieldCatalog } from '../../../fields/use-field-catalog.ts';
import { useI18n } from '../../../i18n/index.ts';
import { useProblemText } from '../../problems/problem-text.tsx';
import { DurationInput } from '../duration-input.tsx';
import { Field, type NodeFormProps, problemsAt, withOptional } from '../form-kit.tsx';

/** Wait for an event: which event (and properties), or leave through "timeout". */
export function WaitEventForm({
  config,
  onChange,
  problems,
  readOnly,
}: NodeFormProps<ConfigOf<'wait.event'>>) {
  const { t } = useI18n();
  const problemText = useProblemText();
  const catalog = useFieldCatalog();
  return (
    <fieldset disabled={readOnly} className="form">
      <Field label={t('trigger.event')} errors={problemsAt(problems, ['event'], problemText)}>
        {(id, invalid) => (
          <>
            <input
              id={id}
              list="wait-events"
              aria-invalid={invalid || undefined}
              value={config.event ?? ''}
              onChange={(e) => onChange({ ...config, event: e.target.value.trim() }, 'event')}
            />
            <datalist id="wait-events">
              {catalog.events.map((event) => (
                <option key={event} value={event} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <span className="field-label">{t('trigger.onlyWhen')}</span>
      <ConditionBuilder
        scope="event"
        event={config.event}
        value={config.condition}
        onChange={(condition) =>
          onChange(withOptional(config, 'condition', condition as typeof config.condition), 'condition')
        }
      />
      <DurationInput
        label={t('wait.timeout')}
        value={{ amount: config.timeout?.amount, unit: config.timeout?.unit }}
        errors={problemsAt(problems, ['timeout'], problemText)}
        onChange={(timeout) => onChange({ ...config, timeout }, 'timeout')}
      />
    </fieldset>
  );
}
