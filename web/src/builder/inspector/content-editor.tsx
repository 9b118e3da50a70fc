import type { Channel } from '@waymark/journey';
import type { Template } from '../../api/templates.ts';
import { useFieldCatalog } from '../../fields/use-field-catalog.ts';
import { useI18n } from '../../i18n/index.ts';
import { ScriptEditor } from '../../scripts/script-editor.tsx';
import { ScriptPreview } from '../../scripts/script-preview.tsx';
import { exampleEvent, scriptVariables } from '../../scripts/variables.ts';
import { Field } from './form-kit.tsx';

/** What a send delivers: a saved template, or a script written in the node. */
export type SendContent =
  | { kind: 'template'; templateId: string }
  | { kind: 'inline'; body: string; subject?: string };

interface ContentEditorProps {
  content: Partial<SendContent> | undefined;
  channel: Channel;
  templates: readonly Template[];
  errors: readonly string[];
  onChange: (content: SendContent, group?: string) => void;
  event: string | undefined;
  journeyName: string;
  idPrefix: string;
}

/** Template picker or inline script (with highlighting, variables and a live customer preview). */
export function ContentEditor({
  content,
  channel,
  templates,
  errors,
  onChange,
  event,
  journeyName,
  idPrefix,
}: ContentEditorProps) {
  const { t, locale } = useI18n();
  const catalog = useFieldCatalog();
  const kind = content?.kind === 'inline' ? 'inline' : 'template';
  const usable = templates.filter((template) => template.channel === channel);
  const hasSubject = channel === 'email' || channel === 'push';
  const inline = content?.kind === 'inline' ? content : undefined;
  const chosen =
    content?.kind === 'template'
      ? templates.find((template) => template.id === content.templateId)
      : undefined;

  return (
    <div className="content-editor">
      <div className="segmented" role="radiogroup" aria-label={t('send.content')}>
        {(['template', 'inline'] as const).map((option) => (
          <label key={option} className={kind === option ? 'active' : undefined}>
            <input
              type="radio"
              name={`${idPrefix}-kind`}
              checked={kind === option}
              onChange={() =>
                onChange(
                  option === 'template' ? { kind: 'template', templateId: '' } : { kind: 'inline', body: '' },
                )
              }
            />
            {t(option === 'template' ? 'send.template' : 'send.inline')}
          </label>
        ))}
      </div>
      {kind === 'template' ? (
        <Field label={t('send.templateField')} errors={errors}>
          {(id, invalid) => (
            <select
              id={id}
              aria-invalid={invalid || undefined}
              value={content?.kind === 'template' ? content.templateId : ''}
              onChange={(e) => onChange({ kind: 'template', templateId: e.target.value })}
            >
              <option value="">{t('send.chooseTemplate')}</option>
              {usable.map((template) => (
                <option key={template.id} value={template.id}>
                  {template.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : (
        <>
          {hasSubject ? (
            <Field label={t('script.subject')}>
              {(id) => (
                <input
                  id={id}
                  value={inline?.subject ?? ''}
                  onChange={(e) =>
                    onChange(
                      { kind: 'inline', body: inline?.body ?? '', subject: e.target.value },
                      `${idPrefix}-subject`,
                    )
                  }
                />
              )}
            </Field>
          ) : null}
          <ScriptEditor
            value={inline?.body ?? ''}
            channel={channel}
            invalid={errors.length > 0}
            variables={scriptVariables(locale, event, catalog)}
            onChange={(body) => {
              const next: SendContent = { kind: 'inline', body };
              if (inline?.subject !== undefined) next.subject = inline.subject;
              onChange(next, `${idPrefix}-body`);
            }}
          />
          {errors.map((error) => (
            <p key={error} className="field-error">
              {error}
            </p>
          ))}
        </>
      )}
      {kind === 'inline' || chosen ? (
        <ScriptPreview
          body={inline?.body ?? chosen?.body ?? ''}
          subject={inline?.subject ?? chosen?.subject ?? undefined}
          channel={channel}
          event={exampleEvent(event, catalog)}
          journeyName={journeyName}
        />
      ) : null}
    </div>
  );
}
