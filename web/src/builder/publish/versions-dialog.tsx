import { useState } from 'react';
import { getVersion, type Journey, listVersions } from '../../api/journeys.ts';
import { useAsync } from '../../app/use-async.ts';
import { useI18n } from '../../i18n/index.ts';
import { Banner } from '../../ui/banner.tsx';
import { Dialog } from '../../ui/dialog.tsx';
import { EmptyState } from '../../ui/empty-state.tsx';
import { errorText } from '../../ui/error-text.ts';
import { formatDateTime } from '../../ui/format.ts';
import { type JourneyGraph, normalizeGraph } from '../graph-types.ts';

interface VersionsDialogProps {
  journey: Journey;
  onClose: () => void;
  onRestore: (version: number, graph: JourneyGraph) => void;
}

/** Published versions, newest first; any of them can be copied back into the draft. */
export function VersionsDialog({ journey, onClose, onRestore }: VersionsDialogProps) {
  const { t, locale } = useI18n();
  const versions = useAsync(() => listVersions(journey.id), [journey.id]);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState<number | undefined>(undefined);

  async function restore(version: number) {
    setBusy(version);
    setError(undefined);
    try {
      const loaded = await getVersion(journey.id, version);
      onRestore(version, normalizeGraph(loaded.graph));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(undefined);
    }
  }

  const list = [...(versions.data ?? [])].sort((a, b) => b.version - a.version);
  return (
    <Dialog
      title={t('versions.title')}
      onClose={onClose}
      footer={
        <button type="button" className="button" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      {versions.error ? <Banner kind="error">{errorText(t, versions.error)}</Banner> : null}
      {error ? <Banner kind="error">{errorText(t, error)}</Banner> : null}
      {versions.data && list.length === 0 ? <EmptyState title={t('versions.none')} /> : null}
      <ul className="version-list">
        {list.map((version) => (
          <li key={version.version}>
            <div className="grow">
              <strong>{t('versions.version', { version: version.version })}</strong>{' '}
              {version.version === journey.liveVersion ? (
                <span className="badge badge-live">{t('versions.current')}</span>
              ) : null}
              <div className="muted small">
                {t('versions.publishedAt', { when: formatDateTime(version.publishedAt, locale) })}
              </div>
              {version.approvedByName ? (
                <div className="muted small">
                  {t('versions.approvedBy', { name: version.approvedByName })}
                </div>
              ) : null}
              {version.note ? <div className="small">{version.note}</div> : null}
            </div>
            <button
              type="button"
              className="button small"
              disabled={busy !== undefined || journey.status === 'archived'}
              onClick={() => void restore(version.version)}
            >
              {t('versions.restore')}
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
