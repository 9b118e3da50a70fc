import { listTemplates } from '../api/templates.ts';
import { navigate } from '../app/router.ts';
import { useAsync } from '../app/use-async.ts';
import { useI18n } from '../i18n/index.ts';
import { Banner } from '../ui/banner.tsx';
import { EmptyState } from '../ui/empty-state.tsx';
import { errorText } from '../ui/error-text.ts';
import { formatRelative } from '../ui/format.ts';

/** Saved scripts per channel; open one to edit it with a live preview. */
export function TemplatesPage() {
  const { t, locale } = useI18n();
  const result = useAsync(() => listTemplates(), []);
  return (
    <main className="page">
      <div className="page-header">
        <h1>{t('templates.title')}</h1>
        <button type="button" className="button primary" onClick={() => navigate('/templates/new')}>
          + {t('templates.new')}
        </button>
      </div>
      {result.error ? <Banner kind="error">{errorText(t, result.error)}</Banner> : null}
      {result.data && result.data.length === 0 ? <EmptyState title={t('templates.none')} /> : null}
      {result.data && result.data.length > 0 ? (
        <table className="table">
          <thead>
            <tr>
              <th>{t('templates.name')}</th>
              <th>{t('templates.channel')}</th>
              <th>{t('templates.locale')}</th>
              <th>{t('templates.body')}</th>
              <th>{t('templates.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {result.data.map((template) => (
              <tr
                key={template.id}
                className="clickable"
                onClick={() => navigate(`/templates/${template.id}`)}
              >
                <td>{template.name}</td>
                <td>{t(`channels.${template.channel}`)}</td>
                <td>{template.locale}</td>
                <td className="muted truncate">{template.body}</td>
                <td className="muted">{formatRelative(template.updatedAt, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {result.loading && !result.data ? <p className="muted">{t('common.loading')}</p> : null}
    </main>
  );
}
