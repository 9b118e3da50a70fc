import type { ConfigOf } from '@waymark/journey';
import { useFieldCatalog } from '../../../fields/use-field-catalog.ts';
import { useI18n } from '../../../i18n/index.ts';
import { ScriptEditor } from '../../../scripts/script-editor.tsx';
import { scriptVariables } from '../../../scripts/variables.ts';
import { useProblemText } from '../../problems/problem-text.tsx';
import { Field, type NodeFormProps, numberFromInput, problemsAt, upstreamEvent } from '../form-kit.tsx';

type RmConfig = ConfigOf<'rm.task'>;

/** Relationship-manager task: call or visit, how long they have, and the talking points. */
export function RmTaskForm({ config, onChange, problems, readOnly, graph, nodeId }: NodeFormProps<RmConfig>) {
  const { t, locale } = useI18n();
  const problemText = useProblemText();
  const catalog = useFieldCatalog();
  return (
    <fieldset disabled={readOnly} className="form">
      <div className="row">
        <Field label={t('forms.taskKind')}>
          {(id) => (
            <select
              id={id}
              value={config.kind ?? 'call'}
              onChange={(e) => onChange({ ...config, kind: e.target.value as RmConfig['kind'] })}
            >
              <option value="call">{t('forms.taskCall')}</option>
              <option value="visit">{t('forms.taskVisit')}</option>
            </select>
          )}
        </Field>
        <Field label={t('forms.slaHours')} errors={problemsAt(problems, ['slaHours'], problemText)}>
          {(id, invalid) => (
            <input
              id={id}
              type="number"
              min={1}
              aria-invalid={invalid || undefined}
              value={String(config.slaHours ?? '')}
              onChange={(e) =>
                onChange({ ...config, slaHours: numberFromInput(e.target.value) as number }, 'sla')
              }
            />
          )}
        </Field>
      </div>
      <ScriptEditor
        label={t('forms.talkingPoints')}
        value={config.script ?? ''}
        variables={scriptVariables(locale, upstreamEvent(graph, nodeId), catalog)}
        invalid={problemsAt(problems, ['script'], problemText).length > 0}
        onChange={(script) => onChange({ ...config, script }, 'script')}
      />
    </fieldset>
  );
}
