import type { LocalizedText } from '../i18n/locale.ts';

/**
 * Why one field of a config or of the settings is wrong: the second half of an
 * "invalid config" sentence ("amount" + "must be at least 1"). Keys are stable, like problem
 * codes; `format.*` keys double as the custom messages of our own zod checks.
 */
export const fieldReasons = {
  required: { en: 'is required', 'zh-CN': '为必填项' },
  'wrong-type': { en: 'must be {expected}', 'zh-CN': '应为{expected}' },
  'not-integer': { en: 'must be a whole number', 'zh-CN': '必须是整数' },
  'too-small': { en: 'must be at least {minimum}', 'zh-CN': '不能小于 {minimum}' },
  'too-big': { en: 'must be at most {maximum}', 'zh-CN': '不能大于 {maximum}' },
  'more-than': { en: 'must be more than {minimum}', 'zh-CN': '必须大于 {minimum}' },
  'less-than': { en: 'must be less than {maximum}', 'zh-CN': '必须小于 {maximum}' },
  empty: { en: 'must not be empty', 'zh-CN': '不能为空' },
  'too-short': {
    en: 'needs at least {minimum} entries or characters',
    'zh-CN': '至少需要 {minimum} 项或字符',
  },
  'too-long': {
    en: 'allows at most {maximum} entries or characters',
    'zh-CN': '最多允许 {maximum} 项或字符',
  },
  'not-one-of': { en: 'must be one of {options}', 'zh-CN': '必须是以下之一：{options}' },
  'no-matching-shape': {
    en: 'is not filled in a way the product understands',
    'zh-CN': '的填写方式无法识别',
  },
  'unknown-keys': {
    en: 'has fields the product does not know: {keys}',
    'zh-CN': '包含无法识别的字段：{keys}',
  },
  'too-deep': { en: 'is nested too deeply to read', 'zh-CN': '嵌套过深，无法读取' },
  format: { en: 'has the wrong format', 'zh-CN': '格式不正确' },
  'format.event-name': {
    en: 'must be an event name made of letters, digits, _ . or -',
    'zh-CN': '须为由字母、数字、_ . - 组成的事件名',
  },
  'format.time-of-day': { en: 'must be a time of day such as 09:30', 'zh-CN': '须为 09:30 这样的时间' },
  'format.time-zone': {
    en: 'must be a time zone such as Asia/Shanghai',
    'zh-CN': '须为 Asia/Shanghai 这样的时区',
  },
  'format.date-time': {
    en: 'must be a date and time such as 2026-11-23T09:30:00+08:00',
    'zh-CN': '须为 2026-11-23T09:30:00+08:00 这样的日期时间',
  },
  'format.http-url': {
    en: 'must be a web address such as https://api.example.com/hook',
    'zh-CN': '须为 https://api.example.com/hook 这样的网址',
  },
  'format.duration-too-long': { en: 'makes the wait longer than a year', 'zh-CN': '使等待超过一年' },
  'format.variant-id': {
    en: 'must be 1 to 32 letters, digits, _ or -',
    'zh-CN': '须为 1 到 32 个字母、数字、_ 或 -',
  },
  'format.duplicate-ids': { en: 'uses the same id twice', 'zh-CN': '存在重复的 ID' },
  'format.reserved-variant-id': {
    en: 'must not use the id "control", which the control group owns',
    'zh-CN': '不能使用 "control"，该 ID 保留给对照组',
  },
} as const satisfies Record<string, LocalizedText>;

export type FieldReason = keyof typeof fieldReasons;

/** True when `key` names a reason, so a custom zod message can be used as a reason key. */
export function isFieldReason(key: string): key is FieldReason {
  return Object.hasOwn(fieldReasons, key);
}
