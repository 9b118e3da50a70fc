import { smsSegments, type TemplateChannel } from '@waymark/templates';
import { useRef } from 'react';
import { useI18n } from '../i18n/index.ts';
import { tokenizeScript } from './highlight.ts';
import { ScriptProblems } from './script-problems.tsx';

export interface ScriptVariable {
  /** What gets inserted, e.g. `customer.name` → `{{customer.name}}`. */
  path: string;
  label: string;
}

interface ScriptEditorProps {
  value: string;
  onChange: (value: string) => void;
  variables: readonly ScriptVariable[];
  label?: string;
  channel?: TemplateChannel | undefined;
  invalid?: boolean;
  id?: string;
}

/**
 * A textarea with Handlebars highlighting: the highlighted copy sits under a transparent
 * textarea with the same metrics, so editing stays native (undo, IME for Chinese, selection).
 */
export function ScriptEditor({ value, onChange, variables, label, channel, invalid, id }: ScriptEditorProps) {
  const { t } = useI18n();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const backdrop = useRef<HTMLPreElement>(null);

  function insert(path: string) {
    const element = textarea.current;
    const snippet = `{{${path}}}`;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + snippet + value.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + snippet.length, start + snippet.length);
    });
  }

  return (
    <div className="script-editor">
      <div className="script-editor-head">
        <span className="field-label">{label ?? t('script.label')}</span>
        <select
          className="script-variables"
          aria-label={t('script.variables')}
          value=""
          onChange={(event) => event.target.value && insert(event.target.value)}
        >
          <option value="">{t('script.variables')}…</option>
          {variables.map((variable) => (
            <option key={variable.path} value={variable.path}>
              {variable.label} — {`{{${variable.path}}}`}
            </option>
          ))}
        </select>
      </div>
      <div className="script-area">
        <pre ref={backdrop} className="script-backdrop" aria-hidden="true">
          {tokenizeScript(value).map((token, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: tokens have no identity beyond their position.
            <span key={index} className={`hb-${token.kind}`}>
              {token.text}
            </span>
          ))}
          {'\n'}
        </pre>
        <textarea
          id={id}
          ref={textarea}
          className="script-input"
          aria-label={label ?? t('script.label')}
          aria-invalid={invalid || undefined}
          spellCheck={false}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onScroll={(event) => {
            if (backdrop.current) backdrop.current.scrollTop = event.currentTarget.scrollTop;
          }}
        />
      </div>
      <ScriptProblems source={value} channel={channel} />
      <div className="script-meta muted">
        {t('script.length', { count: value.length })}
        {channel === 'sms' ? ` · ${t('script.smsParts', { count: smsSegments(value).segments })}` : null}
      </div>
    </div>
  );
}
