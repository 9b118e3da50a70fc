import { useEffect, useState } from 'react';
import { isApiError } from '../api/api-error.ts';
import {
  type Channel,
  createTemplate,
  getTemplate,
  type TemplateDraft,
  updateTemplate,
} from '../api/templates.ts';
import { navigate } from '../app/router.ts';
import { useFieldCatalog } from '../fields/use-field-catalog.ts';
import { useI18n } from '../i18n/index.ts';
import { ScriptEditor } from '../scripts/script-editor.tsx';
import { ScriptPreview } from '../scripts/script-preview.tsx';
import { scriptVariables } from '../scripts/variables.ts';
import { Banner } from '../ui/banner.tsx';
import { errorText } from '../ui/error-text.ts';

const channels: readonly Channel[] = ['sms', 'wecom', 'push', 'email', 'rm'];
const emptyDraft: TemplateDraft = { name: '', channel: 'sms', locale: 'zh-CN', body: '', subject: null };

/** Create or edit one template, with highlighting, variables and a preview for a real customer. */
export function TemplateEditorPage({ templateId }: { templateId: string }) {
  const { t, locale } = useI18n();
  const catalog = useFieldCatalog();
  const isNew = templateId === 'new';
  const [draft, setDraft] = useState<TemplateDraft>(emptyDraft);
  const [revision, setRevision] = useState<number | undefined>(undefined);
  const [loadError, setLoadError] = useState<unknown>(undefined);
  const [saveError, setSaveError] = useState<unknown>(undefined);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is bumped to run the load again on retry.
  useEffect(() => {
    if (isNew) return;
    let cancelled = false;
    getTemplate(templateId)
      .then((template) => {
        if (cancelled) return;
        setDraft({
          name: template.name,
          channel: template.channel,
          locale: template.locale,
          body: template.body,
          subject: template.subject ?? null,
        });
        setRevision(template.revision);
        setSaveError(undefined);
      })
      .catch((error: unknown) => !cancelled && setLoadError(error));
    return () => {
      cancelled = true;
    };
  }, [isNew, templateId, attempt]);

  function change(patch: Partial<TemplateDraft>) {
    setDraft((current) => ({ ...current, ...patch }));
    setSaved(false);
  }

  async function save() {
    setBusy(true);
    setSaveError(undefined);
    try {
      if (isNew) {
        const created = await createTemplate(draft);
        navigate(`/templates/${created.id}`, { replace: true });
      } else {
        const updated = await updateTemplate(templateId, draft, revision ?? 1);
        setRevision(updated.revision);
      }
      setSaved(true);
    } catch (error) {
      setSaveError(error);
    } finally {
      setBusy(false);
    }
  }

  const conflict = isApiError(saveError) && saveError.code === 'template.revision-conflict';
  const hasSubject = draft.channel === 'email' || draft.channel === 'push';
  return (
    <main className="page">
      <div className="page-header">
        <button type="button" className="button ghost" onClick={() => navigate('/templates')}>
          ← {t('templates.title')}
        </button>
        <h1>{isNew ? t('templates.new') : draft.name || t('templates.title')}</h1>
        <button type="button" className="button primary" onClick={() => void save()} disabled={busy}>
          {t('common.save')}
        </button>
      </div>
      {loadError ? <Banner kind="error">{errorText(t, loadError)}</Banner> : null}
      {saved ? <Banner kind="success">{t('templates.saved')}</Banner> : null}
      {conflict ? (
        <Banner
          kind="warning"
          action={
            <button type="button" className="button small" onClick={() => setAttempt((n) => n + 1)}>
              {t('templates.reload')}
            </button>
          }
        >
          {t('templates.conflict')}
        </Banner>
      ) : saveError ? (
        <Banner kind="error">{errorText(t, saveError)}</Banner>
      ) : null}
      <div className="template-grid">
        <section className="panel">
          <label className="field">
            <span>{t('templates.name')}</span>
            <input value={draft.name} onChange={(e) => change({ name: e.target.value })} />
          </label>
          <div className="row">
            <label className="field grow">
              <span>{t('templates.channel')}</span>
              <select value={draft.channel} onChange={(e) => change({ channel: e.target.value as Channel })}>
                {channels.map((channel) => (
                  <option key={channel} value={channel}>
                    {t(`channels.${channel}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field grow">
              <span>{t('templates.locale')}</span>
              <select value={draft.locale} onChange={(e) => change({ locale: e.target.value })}>
                <option value="zh-CN">简体中文</option>
                <option value="en">English</option>
              </select>
            </label>
          </div>
          {hasSubject ? (
            <label className="field">
              <span>{t('script.subject')}</span>
              <input value={draft.subject ?? ''} onChange={(e) => change({ subject: e.target.value })} />
            </label>
          ) : null}
          <ScriptEditor
            value={draft.body}
            onChange={(body) => change({ body })}
            variables={scriptVariables(locale, undefined, catalog)}
            channel={draft.channel}
          />
        </section>
        <section className="panel">
          <ScriptPreview body={draft.body} subject={hasSubject ? (draft.subject ?? undefined) : undefined} />
        </section>
      </div>
    </main>
  );
}
