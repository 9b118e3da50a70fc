import type { ConfigOf } from '@waymark/journey';
import { ConditionBuilder } from '../../../conditions/condition-builder.tsx';
import { useFieldCatalog } from '../../../fields/use-field-catalog.ts';
import { useI18n } from '../../../i18n/index.ts';
import { useProblemText } from '../../problems/problem-text.tsx';
import { Field, type NodeFormProps, problemsAt, withOptional } from '../form-kit.tsx';

/** Event trigger: which event enrolls the customer, and on which of its properties. */
export function TriggerEventForm({
  config,
  onChange,
  problems,
  readOnly,
}: NodeFormProps<ConfigOf<'trigger.event'>>) {
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
              list="known-events"
              aria-invalid={invalid || undefined}
              placeholder={t('trigger.eventPlaceholder')}
              value={config.event ?? ''}
              onChange={(e) => onChange({ ...config, event: e.target.value.trim() })}
            />
            <datalist id="known-events">
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
        label={t('trigger.onlyWhen')}
        value={config.condition}
        onChange={(condition) =>
          onChange(withOptional(config, 'condition', condition as typeof config.condition), 'condition')
        }
      />
      {problemsAt(problems, ['condition'], problemText).map((error) => (
        <p key={error} className="field-error">
          {error}
        </p>
      ))}
    </fieldset>
  );
}
