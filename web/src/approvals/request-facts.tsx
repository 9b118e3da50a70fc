import type { ApprovalRequest } from '../api/approvals.ts';
import { useI18n } from '../i18n/index.ts';
import { formatDateTime } from '../ui/format.ts';

/** Where a request stands, the draft revision it covers, and who asked when: a card's headline after the journey's name. */
export function RequestFacts({ request }: { request: ApprovalRequest }) {
  const { t, locale } = useI18n();
  return (
    <>
      <span className={`badge approval-state approval-state-${request.state}`}>
        {t(`approvals.state.${request.state}`)}
      </span>
      <span className="muted">{t('approvals.revision', { revision: request.draftRevision })}</span>
      <span className="muted approval-requested">
        {t('approvals.requestedBy', {
          name: request.requestedByName ?? '—',
          when: formatDateTime(request.requestedAt, locale),
        })}
      </span>
    </>
  );
}
