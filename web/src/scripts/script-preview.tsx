import { previewTemplate, type TemplateChannel } from '@waymark/templates';
import { useState } from 'react';
import { type CustomerSummary, searchCustomers } from '../api/customers.ts';
import { useAsync, useDebounced } from '../app/use-async.ts';
import { useI18n } from '../i18n/index.ts';
import { errorText } from '../ui/error-text.ts';
import { scriptProblemText } from './script-problem-text.ts';

interface ScriptPreviewProps {
  body: string;
  subject?: string | undefined;
  channel?: TemplateChannel | undefined;
  /** Example values of the triggering event (`event.*`). */
  event?: Record<string, unknown> | undefined;
  journeyName?: string | undefined;
}

/**
 * The script as one real customer would receive it: pick a customer by search, and the shared
 * template engine (the same one the send path uses) fills it in the browser as you type.
 */
export function ScriptPreview({ body, subject, channel, event, journeyName }: ScriptPreviewProps) {
  const { t, locale } = useI18n();
  const [query, setQuery] = useState('');
  const [customer, setCustomer] = useState<CustomerSummary | undefined>(undefined);
  const settled = useDebounced(query.trim(), 250);
  const results = useAsync(
    async () => (settled ? (await searchCustomers(settled, undefined, 6)).items : []),
    [settled],
  );

  const preview = customer
    ? previewTemplate(
        body,
        {
          id: customer.id,
          name: customer.name,
          phone: customer.phone,
          attributes: customer.attributes,
          tags: customer.tags,
        },
        { channel, event: event ?? {}, journey: { name: journeyName ?? '' }, locale },
      )
    : undefined;
  const subjectPreview =
    customer && subject
      ? previewTemplate(
          subject,
          { id: customer.id, name: customer.name, attributes: customer.attributes, tags: customer.tags },
          { locale },
        )
      : undefined;

  return (
    <div className="script-preview" data-testid="script-preview">
      <span className="field-label">{t('script.previewFor')}</span>
      <div className="preview-picker">
        <input
          type="search"
          aria-label={t('script.pickCustomer')}
          placeholder={t('script.pickCustomer')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        {settled && results.data && results.data.length > 0 && !(customer && query === customer.id) ? (
          <ul className="preview-results">
            {results.data.map((candidate) => (
              <li key={candidate.id}>
                <button
                  type="button"
                  onClick={() => {
                    setCustomer(candidate);
                    setQuery(candidate.id);
                  }}
                >
                  <span className="mono">{candidate.id}</span> {candidate.name ?? ''}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        {results.error ? <div className="field-error">{errorText(t, results.error)}</div> : null}
      </div>
      {!customer ? <p className="muted small">{t('script.noCustomer')}</p> : null}
      {subjectPreview?.ok ? <div className="preview-subject">{subjectPreview.text}</div> : null}
      {preview?.ok ? (
        <div className="preview-box" data-testid="preview-text">
          {preview.text}
        </div>
      ) : null}
      {preview && !preview.ok ? (
        <div className="field-error" role="alert">
          {t('script.previewError', { reason: scriptProblemText(t, preview.error) })}
        </div>
      ) : null}
      {preview?.ok && preview.sms ? (
        <div className="muted small">{t('script.smsParts', { count: preview.sms.segments })}</div>
      ) : null}
    </div>
  );
}
