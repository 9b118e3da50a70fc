import { z } from 'zod';
import { type Channel, channelLabels, channelSchema, referenceId } from '../../graph/fields.ts';
import {
  defineNodeType,
  type NodeCheckContext,
  type NodeIssue,
  type NodeTypeDefinition,
} from '../../node-types/define.ts';
import { port } from '../../node-types/port.ts';

/** What to send: a saved template, or a script written right in the node. */
const contentSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('template'), templateId: referenceId }),
  z.object({
    kind: z.literal('inline'),
    /** Handlebars source, rendered with the customer's profile like a template. */
    body: z.string().min(1).max(4000),
    subject: z.string().max(200).optional(),
  }),
]);
export type SendContent = z.infer<typeof contentSchema>;

const configSchema = z.object({
  channel: channelSchema,
  connectorId: referenceId,
  /** The planner's name for the message, shown on the node ("理财到期提醒"). */
  messageName: z.string().max(60).optional(),
  content: contentSchema,
  /**
   * Content per A/B variant id of an upstream split; customers on other paths get `content`.
   * Lets one send node serve every branch of a split when only the script differs.
   */
  variantContent: z.record(z.string().min(1).max(32), contentSchema).optional(),
});
export type SendConfig = z.infer<typeof configSchema>;

type SendCode = 'send.variant-unknown';

function checkContent(
  content: SendContent,
  path: (string | number)[],
  channel: Channel,
  context: NodeCheckContext,
): NodeIssue<SendCode | 'ref.template-missing' | 'ref.template-channel-mismatch'>[] {
  if (content.kind !== 'template') return [];
  const template = context.template(content.templateId);
  const where = [...path, 'templateId'];
  if (!template)
    return [{ code: 'ref.template-missing', path: where, params: { templateId: content.templateId } }];
  if (template.channel === channel) return [];
  return [
    {
      code: 'ref.template-channel-mismatch',
      path: where,
      params: { templateId: content.templateId, templateChannel: template.channel, channel },
    },
  ];
}

/** Variant ids of every A/B split upstream of the node. */
function upstreamVariantIds(context: NodeCheckContext): Set<string> {
  const ids = new Set<string>();
  for (const node of context.ancestors()) {
    if (node.type !== 'split.ab' || !node.configValid) continue;
    for (const variant of (node.config as { variants: { id: string }[] }).variants) ids.add(variant.id);
  }
  return ids;
}

/** Sends a message through a channel connector; consent, caps and quiet hours are checked at send time. */
export const sendNode = defineNodeType({
  type: 'send',
  category: 'action',
  icon: 'send',
  label: { en: 'Send message', 'zh-CN': '发送消息' },
  description: {
    en: 'Sends an SMS, WeCom, push, email or RM message with a template or an inline script; messages held back by consent, quiet hours or caps leave through “Suppressed”.',
    'zh-CN':
      '通过短信、企业微信、推送、邮件或客户经理发送模板或自定义话术；免打扰、退订或频次上限拦下的消息走“未发送”。',
  },
  configSchema,
  ports: [
    port('sent', 'Sent', '已发送', true),
    port('failed', 'Failed', '失败', false),
    // Short enough to sit under its handle on the canvas beside the other two (consent, caps or
    // quiet hours held the message back; the description says so).
    port('suppressed', 'Suppressed', '未发送', false),
  ],
  pauses: false,
  summary(config, locale) {
    const name = config.messageName?.trim();
    const fallback =
      config.content.kind === 'inline'
        ? { en: 'inline script', 'zh-CN': '自定义话术' }[locale]
        : { en: 'template', 'zh-CN': '模板' }[locale];
    return `${channelLabels[config.channel][locale]} · ${name || fallback}`;
  },
  defaults: () => ({
    channel: 'sms' as const,
    connectorId: '',
    content: { kind: 'template' as const, templateId: '' },
  }),
  validate(config, context) {
    const issues: NodeIssue<
      | SendCode
      | 'ref.template-missing'
      | 'ref.template-channel-mismatch'
      | 'ref.connector-missing'
      | 'ref.connector-channel-mismatch'
    >[] = [];
    const connector = context.connector(config.connectorId);
    if (!connector) {
      issues.push({
        code: 'ref.connector-missing',
        path: ['connectorId'],
        params: { connectorId: config.connectorId },
      });
    } else if (connector.channel !== config.channel) {
      issues.push({
        code: 'ref.connector-channel-mismatch',
        path: ['connectorId'],
        params: {
          connectorId: config.connectorId,
          connectorChannel: connector.channel,
          channel: config.channel,
        },
      });
    }
    issues.push(...checkContent(config.content, ['content'], config.channel, context));
    const variants = Object.entries(config.variantContent ?? {});
    const known = variants.length > 0 ? upstreamVariantIds(context) : new Set<string>();
    for (const [variant, content] of variants) {
      if (!known.has(variant)) {
        issues.push({ code: 'send.variant-unknown', path: ['variantContent', variant], params: { variant } });
      }
      issues.push(...checkContent(content, ['variantContent', variant], config.channel, context));
    }
    return issues;
  },
  problems: {
    'send.variant-unknown': {
      en: '{node} has content for variant “{variant}”, but no A/B split before it has that variant.',
      'zh-CN': '{node}为方案“{variant}”设置了内容，但它之前的 A/B 分流中没有这个方案。',
    },
  },
}) satisfies NodeTypeDefinition<'send', SendConfig, SendCode>;
