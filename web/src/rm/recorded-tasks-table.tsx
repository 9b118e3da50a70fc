import type { RmTask } from '../api/rm-tasks.ts';
import { useI18n } from '../i18n/index.ts';
import { formatDateTime } from '../ui/format.ts';

/** Outcomes recorded lately, newest first: what was said to whom. */
export function RecordedTasksTable({ tasks }: { tasks: RmTask[] }) {
  const { t, locale } = useI18n();
  return (
    <table className="table rm-recorded">
      <thead>
        <tr>
          <th>{t('rmTasks.recordedAt')}</th>
          <th>{t('rmTasks.customer')}</th>
          <th>{t('rmTasks.journey')}</th>
          <th>{t('rmTasks.outcome')}</th>
          <th>{t('rmTasks.note')}</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => (
          <tr key={`${task.enrollmentId}/${task.nodeId}/${task.dueAt}`}>
            <td>{formatDateTime(task.recordedAt, locale)}</td>
            <td>
              {task.customer.name ?? '—'} <span className="mono muted">{task.customer.id}</span>
            </td>
            <td>
              <span className="badge">{t(`rmTasks.kind.${task.kind}`)}</span> {task.journey.name}
            </td>
            <td>
              {task.outcome ? (
                <span className={`badge rm-outcome-${task.outcome}`}>
                  {t(`rmTasks.outcomes.${task.outcome}`)}
                </span>
              ) : null}
            </td>
            <td className="rm-note">{task.note ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
