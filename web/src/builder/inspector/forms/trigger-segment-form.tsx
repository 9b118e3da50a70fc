import type { ConfigOf } from '@waymark/journey';
import { useI18n } from '../../../i18n/index.ts';
import { useProblemText } from '../../problems/problem-text.tsx';
import { Field, type NodeFormProps, problemsAt } from '../form-kit.tsx';
import { WeekdayPicker } from '../weekday-picker.tsx';

type SegmentConfig = ConfigOf<'trigger.segment'>;
type Schedule = SegmentConfig['schedule'];

/** Segment trigger: which saved audience enters, once or on a daily / weekly schedule. */
export function TriggerSegmentForm({
  config,
  onChange,
  problems,
  references,
  readOnly,
}: NodeFormProps<SegmentConfig>) {
  const { t } = useI18n();
  const problemText = useProblemText();
  const schedule: Partial<Schedule> = config.schedule ?? { kind: 'once' };
  const setSchedule = (next: Schedule, group?: string) => onChange({ ...config, schedule: next }, group);
  return (
    <fieldset disabled={readOnly} className="form">
      <Field label={t('trigger.segment')} errors={problemsAt(problems, ['segmentId'], problemText)}>
        {(id, invalid) => (
          <select
            id={id}
            aria-invalid={invalid || undefined}
            value={config.segmentId ?? ''}
            onChange={(e) => onChange({ ...config, segmentId: e.target.value })}
          >
            <option value="">{t('trigger.chooseSegment')}</option>
            {references.segments.map((segment) => (
              <option key={segment.id} value={segment.id}>
                {segment.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('trigger.schedule')} errors={problemsAt(problems, ['schedule'], problemText)}>
        {(id) => (
          <select
            id={id}
            value={schedule.kind ?? 'once'}
            onChange={(e) => {
              const kind = e.target.value as Schedule['kind'];
              if (kind === 'once') setSchedule({ kind });
              else if (kind === 'daily') setSchedule({ kind, time: '09:00' });
              else setSchedule({ kind, time: '09:00', weekdays: [1] });
            }}
          >
            <option value="once">{t('forms.scheduleOnce')}</option>
            <option value="daily">{t('forms.scheduleDaily')}</option>
            <option value="weekly">{t('forms.scheduleWeekly')}</option>
          </select>
        )}
      </Field>
      {schedule.kind === 'daily' || schedule.kind === 'weekly' ? (
        <Field label={t('forms.time')}>
          {(id) => (
            <input
              id={id}
              type="time"
              value={schedule.time ?? ''}
              onChange={(e) =>
                setSchedule(
                  schedule.kind === 'weekly'
                    ? { kind: 'weekly', weekdays: schedule.weekdays ?? [1], time: e.target.value }
                    : { kind: 'daily', time: e.target.value },
                  'time',
                )
              }
            />
          )}
        </Field>
      ) : null}
      {schedule.kind === 'weekly' ? (
        <WeekdayPicker
          value={schedule.weekdays ?? []}
          onChange={(weekdays) => setSchedule({ kind: 'weekly', time: schedule.time ?? '09:00', weekdays })}
        />
      ) : null}
    </fieldset>
  );
}
