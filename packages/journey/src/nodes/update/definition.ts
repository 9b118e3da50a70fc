import { z } from 'zod';
import { attributeName } from '../../graph/fields.ts';
import { defineNodeType, type NodeTypeDefinition } from '../../node-types/define.ts';
import { port } from '../../node-types/port.ts';

const tag = z.string().min(1).max(64);

const configSchema = z.object({
  /** Profile attributes to set; `null` clears one. */
  setAttributes: z.record(attributeName, z.union([z.string().max(1000), z.number(), z.boolean(), z.null()])),
  addTags: z.array(tag).max(50),
  removeTags: z.array(tag).max(50),
});
export type UpdateConfig = z.infer<typeof configSchema>;

type UpdateCode = 'update.nothing' | 'update.tag-conflict';

/** Writes to the customer's profile: attributes and tags other journeys and segments can use. */
export const updateNode = defineNodeType({
  type: 'update',
  category: 'action',
  icon: 'user-pen',
  label: { en: 'Update profile', 'zh-CN': '更新客户资料' },
  description: {
    en: 'Sets profile attributes and adds or removes tags.',
    'zh-CN': '设置客户属性，添加或移除标签。',
  },
  configSchema,
  ports: [port('out', 'Next', '下一步', false)],
  pauses: false,
  summary(config, locale) {
    const zh = locale === 'zh-CN';
    const list = (items: readonly string[]) => items.join(zh ? '、' : ', ');
    const parts: string[] = [];
    const attributes = Object.keys(config.setAttributes);
    if (attributes.length > 0) parts.push(`${zh ? '设置' : 'Set'} ${list(attributes)}`);
    if (config.addTags.length > 0) parts.push(`${zh ? '添加标签' : 'Add tag'} ${list(config.addTags)}`);
    if (config.removeTags.length > 0)
      parts.push(`${zh ? '移除标签' : 'Remove tag'} ${list(config.removeTags)}`);
    return parts.length > 0 ? parts.join(' · ') : zh ? '无更新' : 'No changes';
  },
  defaults: () => ({ setAttributes: {}, addTags: [], removeTags: [] }),
  validate(config) {
    const issues: { code: UpdateCode; path: string[]; params?: Record<string, string> }[] = [];
    if (Object.keys(config.setAttributes).length + config.addTags.length + config.removeTags.length === 0) {
      issues.push({ code: 'update.nothing', path: [] });
    }
    const removed = new Set(config.removeTags);
    for (const tag of config.addTags.filter((added) => removed.has(added))) {
      issues.push({ code: 'update.tag-conflict', path: ['addTags'], params: { tag } });
    }
    return issues;
  },
  problems: {
    'update.nothing': {
      en: '{node} changes nothing: set an attribute or add or remove a tag.',
      'zh-CN': '{node}没有任何更新：请设置属性或添加、移除标签。',
    },
    'update.tag-conflict': {
      en: '{node} both adds and removes the tag “{tag}”.',
      'zh-CN': '{node}同时添加和移除了标签“{tag}”。',
    },
  },
}) satisfies NodeTypeDefinition<'update', UpdateConfig, UpdateCode>;
