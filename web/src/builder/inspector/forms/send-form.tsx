import { type Channel, type ConfigOf, channels } from '@waymark/journey';
import { useState } from 'react';
import { useI18n } from '../../../i18n/index.ts';
import { useProblemText } from '../../problems/problem-text.tsx';
import { ContentEditor, type SendContent } from '../content-editor.tsx';
import {
  ancestorsOf,
  Field,
  type NodeFormProps,
  problemsAt,
  upstreamEvent,
  withOptional,
} from '../form-kit.tsx';

type SendConfig = ConfigOf<'send'>;

/** Variants of the A/B splits before this node: their paths can each get their own script. */
function upstreamVariants(props: NodeFormProps<SendConfig>): { id: string; label: string }[] {
  const variants = new Map<string, string>();
  for (const node of ancestorsOf(props.graph, props.nodeId)) {
    if (node.type !== 'split.ab') continue;
    const list = (node.config as { variants?: { id?: unknown; label?: unknown }[] }).variants;
    for (const variant of Array.isArray(list) ? list : []) {
      if (typeof variant.id === 'string')
        variants.set(variant.id, typeof variant.label === 'string' ? variant.label : variant.id);
    }
  }
  return [...variants].map(([id, label]) => ({ id, label }));
}

/** Send: channel, connector, and the script (default and per A/B path). */
export function SendForm(props: NodeFormProps<SendConfig>) {
  const { config, onChange, problems, references, readOnly, graph, nodeId } = props;
  const { t } = useI18n();
  const problemText = useProblemText();
  const [tab, setTab] = useState<string>('default');
  const channel: Channel = config.channel ?? 'sms';
  const connectors = references.connectors.filter((connector) => connector.channel === channel);
  const variants = upstreamVariants(props);
  const variantContent = (config.variantContent ?? {}) as Record<string, SendContent>;
  const event = upstreamEvent(graph, nodeId);
  const journeyName = '';
  const activeTab = tab === 'default' || variants.some((v) => v.id === tab) ? tab : 'default';

  function setVariantContent(variantId: string, content: SendContent | undefined, group?: string) {
    const next = { ...variantContent };
    if (content) next[variantId] = content;
    else delete next[variantId];
    const kept = Object.keys(next).length > 0 ? (next as SendConfig['variantContent']) : undefined;
    onChange(withOptional(config, 'variantContent', kept), group);
  }

  return (
    <fieldset disabled={readOnly} className="form">
      <div className="row">
        <Field label={t('send.channel')} errors={problemsAt(problems, ['channel'], problemText)}>
          {(id) => (
            <select
              id={id}
              value={channel}
              onChange={(e) => onChange({ ...config, channel: e.target.value as Channel, connectorId: '' })}
            >
              {channels.map((option) => (
                <option key={option} value={option}>
                  {t(`channels.${option}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('send.connector')} errors={problemsAt(problems, ['connectorId'], problemText)}>
          {(id, invalid) => (
            <select
              id={id}
              aria-invalid={invalid || undefined}
              value={config.connectorId ?? ''}
              onChange={(e) => onChange({ ...config, connectorId: e.target.value })}
            >
              <option value="">{t('send.noConnector')}</option>
              {connectors.map((connector) => (
                <option key={connector.id} value={connector.id}>
                  {connector.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {connectors.length === 0 ? <p className="field-hint">{t('send.noConnectorsForChannel')}</p> : null}
      <Field label={t('send.messageName')} errors={problemsAt(problems, ['messageName'], problemText)}>
        {(id) => (
          <input
            id={id}
            value={config.messageName ?? ''}
            onChange={(e) => onChange({ ...config, messageName: e.target.value }, 'messageName')}
          />
        )}
      </Field>
      {variants.length > 0 ? (
        <>
          <span className="field-label">{t('send.perVariant')}</span>
          <p className="field-hint">{t('send.perVariantHint')}</p>
          <div className="tabs" role="tablist">
            {[
              { id: 'default', label: t('send.defaultContent') },
              ...variants.map((v) => ({ id: v.id, label: t('send.variant', { label: v.label }) })),
            ].map((entry) => (
              <button
                key={entry.id}
                type="button"
                role="tab"
                aria-selected={activeTab === entry.id}
                className={activeTab === entry.id ? 'tab active' : 'tab'}
                onClick={() => setTab(entry.id)}
              >
                {entry.label}
                {entry.id !== 'default' && variantContent[entry.id] ? ' ●' : ''}
              </button>
            ))}
          </div>
        </>
      ) : (
        <span className="field-label">{t('send.content')}</span>
      )}
      {activeTab === 'default' ? (
        <ContentEditor
          idPrefix={`${nodeId}-default`}
          content={config.content}
          channel={channel}
          templates={references.templates}
          errors={problemsAt(problems, ['content'], problemText)}
          onChange={(content, group) => onChange({ ...config, content }, group)}
          event={event}
          journeyName={journeyName}
        />
      ) : (
        <div>
          <div className="segmented" role="radiogroup">
            <label className={variantContent[activeTab] ? undefined : 'active'}>
              <input
                type="radio"
                name={`${nodeId}-${activeTab}-own`}
                checked={!variantContent[activeTab]}
                onChange={() => setVariantContent(activeTab, undefined)}
              />
              {t('send.useDefault')}
            </label>
            <label className={variantContent[activeTab] ? 'active' : undefined}>
              <input
                type="radio"
                name={`${nodeId}-${activeTab}-own`}
                checked={Boolean(variantContent[activeTab])}
                onChange={() => setVariantContent(activeTab, { kind: 'inline', body: '' })}
              />
              {t('send.ownScript')}
            </label>
          </div>
          {variantContent[activeTab] ? (
            <ContentEditor
              idPrefix={`${nodeId}-${activeTab}`}
              content={variantContent[activeTab]}
              channel={channel}
              templates={references.templates}
              errors={problemsAt(problems, ['variantContent', activeTab], problemText)}
              onChange={(content, group) => setVariantContent(activeTab, content, group)}
              event={event}
              journeyName={journeyName}
            />
          ) : null}
        </div>
      )}
    </fieldset>
  );
}
