import type { ConfigOf } from '@waymark/journey';
import { useI18n } from '../../../i18n/index.ts';
import { useProblemText } from '../../problems/problem-text.tsx';
import { DurationInput } from '../duration-input.tsx';
import { type NodeFormProps, problemsAt, withOptional } from '../form-kit.tsx';

/** Wait: a number of minutes, hours or days, optionally until the next send window. */
export function WaitDurationForm({
  config,
  onChange,
  problems,
  readOnly,
}: NodeFormProps<ConfigOf<'wait.duration'>>) {
  const { t } = useI18n();
  const problemText = useProblemText();
  return (
    <fieldset disabled={readOnly} className="form">
      <DurationInput
        label={t('wait.amount')}
        value={{ amount: config.amount, unit: config.unit }}
        errors={[
          ...problemsAt(problems, ['amount'], problemText),
          ...problemsAt(problems, ['unit'], problemText),
        ]}
        onChange={(duration) => onChange({ ...config, ...duration }, 'duration')}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={config.untilSendWindow === true}
          onChange={(e) => onChange(withOptional(config, 'untilSendWindow', e.target.checked || undefined))}
        />
        {t('wait.untilSendWindow')}
      </label>
    </fieldset>
  );
}
