import type { Condition } from '@waymark/conditions';
import type { Problem } from '@waymark/journey';
import { ConditionBuilder } from '../../conditions/condition-builder.tsx';
import { useFieldCatalog } from '../../fields/use-field-catalog.ts';
import { useI18n } from '../../i18n/index.ts';
import { useProblemText } from '../problems/problem-text.tsx';
import { Field, numberFromInput, withOptional } from './form-kit.tsx';

interface SettingsFormProps {
  settings: Record<string, unknown>;
  problems: readonly Problem[];
  readOnly: boolean;
  onChange: (settings: Record<string, unknown>, group?: string) => void;
}

const commonZones = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'UTC',
];

type Goal = { event?: string; windowDays?: number | string; value?: number | string; condition?: Condition };
type ReEntry = { policy?: 'once' | 'afterDays' | 'always'; days?: number | string };

/** Journey-wide settings: goal, re-entry, time zone, quiet hours, caps. */
export function SettingsForm({ settings, problems, readOnly, onChange }: SettingsFormProps) {
  const { t } = useI18n();
  const problemText = useProblemText();
  const catalog = useFieldCatalog();
  const goal = settings.goal as Goal | undefined;
  const reEntry = (settings.reEntry as ReEntry | undefined) ?? { policy: 'once' };
  const quiet = settings.quietHours as { start?: string; end?: string } | undefined;
  const cap = settings.frequencyCap as
    | { maxMessages?: number | string; perDays?: number | string }
    | undefined;
  const set = (key: string, value: unknown, group?: string) => {
    const next = { ...settings };
    if (value === undefined) delete next[key];
    else next[key] = value;
    onChange(next, group ?? `settings:${key}`);
  };
  const errors = (key: string) => problems.filter((problem) => problem.path?.includes(key)).map(problemText);

  return (
    <fieldset disabled={readOnly} className="form settings-form" aria-label={t('settings.title')}>
      <h2>{t('settings.title')}</h2>
      <h3>{t('settings.goal')}</h3>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={goal !== undefined}
          onChange={(e) =>
            set('goal', e.target.checked ? { event: 'wealth_purchase', windowDays: 14 } : undefined)
          }
        />
        {t('settings.goal')}
      </label>
      {goal ? (
        <>
          <Field label={t('settings.goalEvent')} errors={errors('event')}>
            {(id) => (
              <>
                <input
                  id={id}
                  list="goal-events"
                  value={goal.event ?? ''}
                  onChange={(e) => set('goal', { ...goal, event: e.target.value.trim() })}
                />
                <datalist id="goal-events">
                  {catalog.events.map((event) => (
                    <option key={event} value={event} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <div className="row">
            <Field label={t('settings.goalWindow')} errors={errors('windowDays')}>
              {(id) => (
                <input
                  id={id}
                  type="number"
                  min={1}
                  value={String(goal.windowDays ?? '')}
                  onChange={(e) => set('goal', { ...goal, windowDays: numberFromInput(e.target.value) })}
                />
              )}
            </Field>
            <Field label={t('settings.goalValue')} errors={errors('value')}>
              {(id) => (
                <input
                  id={id}
                  type="number"
                  min={0}
                  value={goal.value === undefined ? '' : String(goal.value)}
                  onChange={(e) =>
                    set(
                      'goal',
                      withOptional(
                        goal,
                        'value',
                        e.target.value === '' ? undefined : numberFromInput(e.target.value),
                      ),
                    )
                  }
                />
              )}
            </Field>
          </div>
          <span className="field-label">{t('settings.goalCondition')}</span>
          <ConditionBuilder
            scope="customer"
            value={goal.condition}
            onChange={(condition) =>
              set('goal', withOptional(goal, 'condition', condition), 'settings:goal-condition')
            }
          />
          <label className="checkbox">
            <input
              type="checkbox"
              checked={settings.exitOnGoal === true}
              onChange={(e) => set('exitOnGoal', e.target.checked)}
            />
            {t('settings.exitOnGoal')}
          </label>
        </>
      ) : null}
      <h3>{t('settings.reentry')}</h3>
      <div className="row">
        <select
          aria-label={t('settings.reentry')}
          value={reEntry.policy ?? 'once'}
          onChange={(e) => {
            const policy = e.target.value as ReEntry['policy'];
            set('reEntry', policy === 'afterDays' ? { policy, days: 30 } : { policy });
          }}
        >
          <option value="once">{t('settings.reentryOnce')}</option>
          <option value="afterDays">{t('settings.reentryAfter')}</option>
          <option value="always">{t('settings.reentryAlways')}</option>
        </select>
        {reEntry.policy === 'afterDays' ? (
          <input
            type="number"
            min={1}
            aria-label={t('settings.reentryAfterDays')}
            value={String(reEntry.days ?? '')}
            onChange={(e) => set('reEntry', { policy: 'afterDays', days: numberFromInput(e.target.value) })}
          />
        ) : null}
      </div>
      {errors('reEntry').map((error) => (
        <p key={error} className="field-error">
          {error}
        </p>
      ))}
      <Field label={t('settings.timeZone')} errors={errors('timeZone')}>
        {(id) => (
          <>
            <input
              id={id}
              list="time-zones"
              value={String(settings.timeZone ?? 'Asia/Shanghai')}
              onChange={(e) => set('timeZone', e.target.value)}
            />
            <datalist id="time-zones">
              {commonZones.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <h3>{t('settings.quietHours')}</h3>
      <div className="row">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={quiet !== undefined}
            onChange={(e) =>
              set('quietHours', e.target.checked ? { start: '21:00', end: '08:00' } : undefined)
            }
          />
        </label>
        {quiet ? (
          <>
            {t('settings.quietFrom')}
            <input
              type="time"
              aria-label={t('settings.quietFrom')}
              value={quiet.start ?? ''}
              onChange={(e) => set('quietHours', { ...quiet, start: e.target.value })}
            />
            {t('settings.quietTo')}
            <input
              type="time"
              aria-label={t('settings.quietTo')}
              value={quiet.end ?? ''}
              onChange={(e) => set('quietHours', { ...quiet, end: e.target.value })}
            />
          </>
        ) : null}
      </div>
      <h3>{t('settings.frequencyCap')}</h3>
      <div className="row">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={cap !== undefined}
            onChange={(e) =>
              set('frequencyCap', e.target.checked ? { maxMessages: 3, perDays: 7 } : undefined)
            }
          />
        </label>
        {cap ? (
          <>
            <input
              type="number"
              min={1}
              aria-label={t('settings.frequencyCap')}
              value={String(cap.maxMessages ?? '')}
              onChange={(e) => set('frequencyCap', { ...cap, maxMessages: numberFromInput(e.target.value) })}
            />
            {t('settings.perDays')}
            <input
              type="number"
              min={1}
              aria-label={t('settings.perDays')}
              value={String(cap.perDays ?? '')}
              onChange={(e) => set('frequencyCap', { ...cap, perDays: numberFromInput(e.target.value) })}
            />
          </>
        ) : null}
      </div>
      {[...errors('quietHours'), ...errors('frequencyCap'), ...errors('goal')].map((error) => (
        <p key={error} className="field-error">
          {error}
        </p>
      ))}
    </fieldset>
  );
}
