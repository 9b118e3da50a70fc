import './rm-tasks.css';
import { useEffect, useState } from 'react';
import type { RmTask } from '../api/rm-tasks.ts';
import { useI18n } from '../i18n/index.ts';
import { Banner } from '../ui/banner.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { errorText } from '../ui/error-text.ts';
import { PageTabs } from '../ui/page-tabs.tsx';
import { OpenTaskCard, type RecordResult } from './open-task-card.tsx';
import { RecordedTasksTable } from './recorded-tasks-table.tsx';
import { type TaskList, useTaskList } from './use-task-list.ts';

type Tab = 'open' | 'done';

/** A clock for "due in 3 hours" that moves on by itself while the page stays open. */
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/**
 * 我的任务: the relationship manager's workbench. Open tasks come soonest deadline first; recording
 * an outcome takes the task off the list and the customer continues in the journey.
 */
export function RmTasksPage() {
  const { t } = useI18n();
  const [tab, setTab] = useState<Tab>('open');
  const [notice, setNotice] = useState<{ kind: 'success' | 'info' | 'warning'; text: string } | null>(null);
  const open = useTaskList('open');
  const done = useTaskList('done', tab === 'done');
  const now = useMinuteClock();

  function finished(task: RmTask, result: RecordResult) {
    open.remove(task);
    const customer = task.customer.name ?? task.customer.id;
    if (result.kind === 'recorded') {
      setNotice({
        kind: 'success',
        text: t('rmTasks.recordedNotice', { customer, outcome: t(`rmTasks.outcomes.${result.outcome}`) }),
      });
    } else if (result.kind === 'already-recorded') {
      setNotice({
        kind: 'info',
        text: t('rmTasks.alreadyRecordedNotice', {
          customer,
          outcome: result.outcome ? t(`rmTasks.outcomes.${result.outcome}`) : '—',
        }),
      });
    } else {
      setNotice({ kind: 'warning', text: t('rmTasks.closedNotice', { customer, reason: result.reason }) });
    }
  }

  return (
    <main className="page rm-page">
      <div className="page-header">
        <div className="grow">
          <h1>{t('rmTasks.title')}</h1>
          <p className="muted page-subtitle">{t('rmTasks.subtitle')}</p>
        </div>
      </div>
      <div className="toolbar">
        <PageTabs
          label={t('rmTasks.title')}
          tabs={[
            { value: 'open', label: t('rmTasks.open'), count: open.loading ? undefined : open.items.length },
            { value: 'done', label: t('rmTasks.recorded') },
          ]}
          selected={tab}
          onSelect={(value) => {
            setTab(value);
            setNotice(null);
          }}
        />
        <span className="grow" />
        <button
          type="button"
          className="button"
          onClick={() => {
            setNotice(null);
            (tab === 'open' ? open : done).reload();
          }}
        >
          {t('rmTasks.refresh')}
        </button>
      </div>
      {notice ? <Banner kind={notice.kind}>{notice.text}</Banner> : null}
      {tab === 'open' ? <OpenTasks list={open} now={now} onDone={finished} /> : <RecordedTasks list={done} />}
    </main>
  );
}

function ListState({ list, emptyText }: { list: TaskList; emptyText: string }) {
  const { t } = useI18n();
  if (list.error) {
    return (
      <Banner
        kind="error"
        action={
          <button type="button" className="button small" onClick={list.reload}>
            {t('common.retry')}
          </button>
        }
      >
        {errorText(t, list.error)}
      </Banner>
    );
  }
  if (list.loading && list.items.length === 0) return <p className="muted">{t('common.loading')}</p>;
  if (list.items.length === 0) return <EmptyState title={emptyText} />;
  return null;
}

function MoreButton({ list }: { list: TaskList }) {
  const { t } = useI18n();
  if (!list.hasMore || list.items.length === 0) return null;
  return (
    <div className="rm-more">
      <button type="button" className="button" disabled={list.loading} onClick={list.loadMore}>
        {list.loading ? t('common.loading') : t('rmTasks.loadMore')}
      </button>
    </div>
  );
}

function OpenTasks({
  list,
  now,
  onDone,
}: {
  list: TaskList;
  now: number;
  onDone: (task: RmTask, result: RecordResult) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <ListState list={list} emptyText={t('rmTasks.none')} />
      {list.items.length > 0 ? (
        <ul className="rm-task-list">
          {list.items.map((task) => (
            <OpenTaskCard key={`${task.enrollmentId}/${task.nodeId}`} task={task} now={now} onDone={onDone} />
          ))}
        </ul>
      ) : null}
      <MoreButton list={list} />
    </>
  );
}

function RecordedTasks({ list }: { list: TaskList }) {
  const { t } = useI18n();
  return (
    <>
      <ListState list={list} emptyText={t('rmTasks.noneRecorded')} />
      {list.items.length > 0 ? <RecordedTasksTable tasks={list.items} /> : null}
      <MoreButton list={list} />
    </>
  );
}
