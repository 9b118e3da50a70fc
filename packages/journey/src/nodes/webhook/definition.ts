import { z } from 'zod';
import { defineNodeType, type NodeIssue, type NodeTypeDefinition } from '../../node-types/define.ts';
import { port } from '../../node-types/port.ts';
import { isAllowListed, isPrivateHost } from './host-safety.ts';

function parseUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

const configSchema = z.object({
  url: z
    .string()
    .max(2000)
    .refine((value) => parseUrl(value)?.protocol.startsWith('http') === true, 'format.http-url'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  /** Handlebars source of the request body, rendered with the customer's profile. */
  bodyTemplate: z.string().max(10_000).optional(),
  timeoutSeconds: z.number().int().min(1).max(30).optional(),
});
export type WebhookConfig = z.infer<typeof configSchema>;

type WebhookCode = 'webhook.insecure-url' | 'webhook.private-host' | 'webhook.credentials-in-url';

/** Calls an external system (a CRM, a points platform) that a bank has allowed. */
export const webhookNode = defineNodeType({
  type: 'webhook',
  category: 'action',
  icon: 'webhook',
  label: { en: 'Webhook', 'zh-CN': 'Webhook' },
  description: {
    en: 'Calls an external HTTPS address with the customer’s data and continues on “ok” or “failed”.',
    'zh-CN': '携带客户数据调用外部 HTTPS 地址，并按“成功”或“失败”继续。',
  },
  configSchema,
  ports: [port('ok', 'OK', '成功', true), port('failed', 'Failed', '失败', false)],
  pauses: false,
  summary(config) {
    const url = parseUrl(config.url);
    return `${config.method} ${url ? url.host : config.url}`;
  },
  defaults: () => ({ url: 'https://', method: 'POST' as const }),
  validate(config, context) {
    const url = parseUrl(config.url);
    if (!url) return [];
    const issues: NodeIssue<WebhookCode>[] = [];
    if (url.protocol !== 'https:')
      issues.push({ code: 'webhook.insecure-url', path: ['url'], params: { url: config.url } });
    if (url.username || url.password) issues.push({ code: 'webhook.credentials-in-url', path: ['url'] });
    if (isPrivateHost(url.hostname) && !isAllowListed(url.hostname, context.allowedWebhookHosts)) {
      issues.push({ code: 'webhook.private-host', path: ['url'], params: { host: url.hostname } });
    }
    return issues;
  },
  problems: {
    'webhook.insecure-url': {
      en: '{node} calls {url} without encryption: webhooks must use https://.',
      'zh-CN': '{node}调用的 {url} 未加密：Webhook 必须使用 https://。',
    },
    'webhook.private-host': {
      en: '{node} calls the internal address {host}, which is not on the allowed list.',
      'zh-CN': '{node}调用了内部地址 {host}，该地址不在允许列表中。',
    },
    'webhook.credentials-in-url': {
      en: '{node} puts a user name or password in the address: store credentials in a connector instead.',
      'zh-CN': '{node}在地址中包含用户名或密码：请改用连接器保存凭据。',
    },
  },
}) satisfies NodeTypeDefinition<'webhook', WebhookConfig, WebhookCode>;
