import type { ConfigOf } from '@waymark/journey';
import { useI18n } from '../../../i18n/index.ts';
import { useProblemText } from '../../problems/problem-text.tsx';
import { Field, type NodeFormProps, problemsAt } from '../form-kit.tsx';

/** Exit: why customers leave here, recorded for reports. */
export function ExitForm({ config, onChange, problems, readOnly }: NodeFormProps<ConfigOf<'exit'>>) {
  const { t } = useI18n();
  const problemText = useProblemText();
  return (
    <fieldset disabled={readOnly} className="form">
      <Field
        label={t('forms.exitReason')}
        hint={t('forms.exitReasonHint')}
        errors={problemsAt(problems, ['reason'], problemText)}
      >
        {(id) => (
          <input
            id={id}
            value={config.reason ?? ''}
            onChange={(e) => onChange({ ...config, reason: e.target.value }, 'reason')}
          />
        )}
      </Field>
    </fieldset>
  );
}
