import { builtInCatalog, type FieldCatalog } from '../fields/field-catalog.ts';
import type { Locale } from '../i18n/index.ts';
import type { ScriptVariable } from './script-editor.tsx';

const customerVariables: Record<Locale, ScriptVariable[]> = {
  en: [
    { path: 'customer.name', label: 'Customer name' },
    { path: 'customer.id', label: 'Customer id' },
    { path: 'journey.name', label: 'Journey name' },
  ],
  'zh-CN': [
    { path: 'customer.name', label: '客户姓名' },
    { path: 'customer.id', label: '客户号' },
    { path: 'journey.name', label: '旅程名称' },
  ],
};

/**
 * The variables the insert menu offers: who the customer is, their profile attributes, and the
 * properties of the triggering event when there is one. They follow the namespaces the template
 * package fills (`customer`, `attributes`, `event`, `journey`).
 */
export function scriptVariables(
  locale: Locale,
  event?: string,
  catalog: FieldCatalog = builtInCatalog,
): ScriptVariable[] {
  const eventPrefix = locale === 'zh-CN' ? '事件' : 'Event';
  return [
    ...customerVariables[locale],
    ...catalog.attributes.map((field) => ({ path: `attributes.${field.name}`, label: field.label[locale] })),
    ...catalog.eventProperties(event).map((field) => ({
      path: `event.${field.name}`,
      label: `${eventPrefix} · ${field.label[locale]}`,
    })),
  ];
}

/** Example event properties for a preview, so `{{event.amount}}` shows something while designing. */
export function exampleEvent(
  event: string | undefined,
  catalog: FieldCatalog = builtInCatalog,
): Record<string, unknown> {
  const example: Record<string, unknown> = {};
  for (const field of catalog.eventProperties(event)) {
    if (field.valueType === 'number') example[field.name] = 100_000;
    else if (field.valueType === 'date') example[field.name] = new Date().toISOString().slice(0, 10);
    else if (field.valueType === 'boolean') example[field.name] = true;
    else example[field.name] = field.options?.[0] ?? field.name;
  }
  return example;
}
