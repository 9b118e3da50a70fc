import type { PortSpec } from './define.ts';

/** Shorthand for a port spec, keeping definitions one line per port. */
export function port(id: string, en: string, zh: string, required: boolean): PortSpec {
  return { id, label: { en, 'zh-CN': zh }, required };
}
