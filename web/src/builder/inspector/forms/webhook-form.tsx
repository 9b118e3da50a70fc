import type { ConfigOf } from '@waymark/journey';
import { useI18n } from '../../../i18n/index.ts';
import { useProblemText } from '../../problems/problem-text.tsx';
import { Field, type NodeFormProps, numberFromInput, problemsAt, withOptional } from '../form-kit.tsx';

type WebhookConfig = ConfigOf<'webhook'>;
const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Webhook: call an allowed address with a body filled from the customer's profile. */
export function WebhookForm({ config, onChange, problems, readOnly }: NodeFormProps<WebhookConfig>) {
  const { t } = useI18n();
  const problemText = useProblemText();
  return (
    <fieldset disabled={readOnly} className="form">
      <div className="row">
        <Field label={t('forms.method')}>
          {(id) => (
            <select
              id={id}
              value={config.method ?? 'POST'}
              onChange={(e) => onChange({ ...config, method: e.target.value as WebhookConfig['method'] })}
            >
              {methods.map((method) => (
                <option key={method} value={method}>
                  {method}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('forms.url')} errors={problemsAt(problems, ['url'], problemText)}>
          {(id, invalid) => (
            <input
              id={id}
              className="grow"
              aria-invalid={invalid || undefined}
              value={config.url ?? ''}
              onChange={(e) => onChange({ ...config, url: e.target.value }, 'url')}
            />
          )}
        </Field>
      </div>
      <Field label={t('forms.body')} errors={problemsAt(problems, ['bodyTemplate'], problemText)}>
        {(id) => (
          <textarea
            id={id}
            rows={5}
            className="mono"
            value={config.bodyTemplate ?? ''}
            onChange={(e) =>
              onChange(withOptional(config, 'bodyTemplate', e.target.value || undefined), 'body')
            }
          />
        )}
      </Field>
      <Field label={t('forms.timeoutSeconds')} errors={problemsAt(problems, ['timeoutSeconds'], problemText)}>
        {(id) => (
          <input
            id={id}
            type="number"
            min={1}
            max={30}
            value={config.timeoutSeconds === undefined ? '' : String(config.timeoutSeconds)}
            onChange={(e) =>
              onChange(
                withOptional(
                  config,
                  'timeoutSeconds',
                  e.target.value === '' ? undefined : (numberFromInput(e.target.value) as number),
                ),
                'timeout',
              )
            }
          />
        )}
      </Field>
    </fieldset>
  );
}
