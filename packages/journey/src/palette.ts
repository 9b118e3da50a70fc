import type { JourneyNode } from './graph/schema.ts';
import { type Locale, type LocalizedText, localize } from './i18n/locale.ts';
import { analyzeNode } from './node-analysis.ts';
import { type AnyNodeTypeDefinition, type NodeCategory, nodeCategories } from './node-types/define.ts';
import { nodeTypes } from './registry.ts';

const categoryLabels: Record<NodeCategory, LocalizedText> = {
  trigger: { en: 'Triggers', 'zh-CN': '触发' },
  logic: { en: 'Logic', 'zh-CN': '逻辑' },
  action: { en: 'Actions', 'zh-CN': '动作' },
  wait: { en: 'Waits', 'zh-CN': '等待' },
};

/** One section of the node palette. */
export interface PaletteGroup {
  category: NodeCategory;
  label: LocalizedText;
  types: readonly AnyNodeTypeDefinition[];
}

/** The node types grouped by category, in palette order; empty categories are left out. */
export function paletteGroups(): PaletteGroup[] {
  return nodeCategories
    .map((category) => ({
      category,
      label: categoryLabels[category],
      types: nodeTypes.filter((definition) => definition.category === category) as AnyNodeTypeDefinition[],
    }))
    .filter((group) => group.types.length > 0);
}

const incomplete: LocalizedText = { en: 'Not set up yet', 'zh-CN': '尚未设置' };

/**
 * The one-line face of a node on the canvas. A node whose config is not valid yet (just dropped
 * from the palette) reads "Not set up yet" rather than throwing.
 */
export function summarizeNode(node: Pick<JourneyNode, 'type' | 'config'>, locale: Locale): string {
  const analysis = analyzeNode(node);
  if (!analysis.definition) return String(node.type);
  if (!analysis.configValid) return localize(incomplete, locale);
  try {
    return analysis.definition.summary(analysis.config, locale);
  } catch {
    return localize(analysis.definition.label, locale);
  }
}
