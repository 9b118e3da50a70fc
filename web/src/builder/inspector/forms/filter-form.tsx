import type { ConfigOf } from '@waymark/journey';
import { ConditionBuilder } from '../../../conditions/condition-builder.tsx';
import { LiveCount } from '../../../conditions/live-count.tsx';
import { useI18n } from '../../../i18n/index.ts';
import { useProblemText } from '../../problems/problem-text.tsx';
import { type NodeFormProps, problemsAt } from '../form-kit.tsx';

/** Filter: a condition on the customer; "yes" and "no" exits. Shows how many match right now. */
export function FilterForm({ config, onChange, problems, readOnly }: NodeFormProps<ConfigOf<'filter'>>) {
  const { t } = useI18n();
  const problemText = useProblemText();
  return (
    <fieldset disabled={readOnly} className="form">
      <span className="field-label">{t('forms.filterCondition')}</span>
      <ConditionBuilder
        scope="customer"
        label={t('forms.filterCondition')}
        value={config.condition}
        onChange={(condition) =>
          onChange({ ...config, condition: condition ?? { type: 'all', conditions: [] } }, 'condition')
        }
      />
      {problemsAt(problems, ['condition'], problemText).map((error) => (
        <p key={error} className="field-error">
          {error}
        </p>
      ))}
      <LiveCount condition={config.condition} />
    </fieldset>
  );
}
