import { placeholdersOf } from '../i18n/fill.ts';
import { type LocalizedText, locales } from '../i18n/locale.ts';
import { coreProblemMessages } from '../problems/core-catalog.ts';
import { type AnyNodeTypeDefinition, nodeCategories } from './define.ts';

const typeIdPattern = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;
const codePattern = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;

function checkText(where: string, text: LocalizedText | undefined, errors: string[]): void {
  for (const locale of locales) {
    if (typeof text?.[locale] !== 'string' || text[locale].trim() === '')
      errors.push(`${where} lacks ${locale}`);
  }
  if (!text) return;
  const expected = placeholdersOf(text.en).join(',');
  for (const locale of locales) {
    if (typeof text[locale] === 'string' && placeholdersOf(text[locale]).join(',') !== expected) {
      errors.push(`${where}: ${locale} uses other placeholders than en`);
    }
  }
}

function checkOne(definition: AnyNodeTypeDefinition, errors: string[]): void {
  const where = `node type "${definition.type}"`;
  if (!typeIdPattern.test(definition.type))
    errors.push(`${where}: id must be lower-case words joined by dots`);
  if (!nodeCategories.includes(definition.category))
    errors.push(`${where}: unknown category ${definition.category}`);
  if (!definition.icon) errors.push(`${where}: no icon`);
  checkText(`${where} label`, definition.label, errors);
  checkText(`${where} description`, definition.description, errors);
  if (Array.isArray(definition.ports)) {
    const ids = definition.ports.map((port) => port.id);
    if (new Set(ids).size !== ids.length) errors.push(`${where}: duplicate port ids`);
    for (const port of definition.ports) checkText(`${where} port "${port.id}"`, port.label, errors);
    if (definition.category === 'trigger' && ids.length === 0)
      errors.push(`${where}: a trigger needs a port`);
  }
  try {
    const defaults = definition.defaults();
    if (defaults === null || typeof defaults !== 'object')
      errors.push(`${where}: defaults() must return an object`);
    const parsed = definition.configSchema.safeParse(defaults);
    // Types that must reference something (a template, a segment) start incomplete on purpose;
    // when the defaults are complete, the face of the node must render from them.
    if (parsed.success) {
      for (const locale of locales) definition.summary(parsed.data, locale);
    }
  } catch (error) {
    errors.push(`${where}: defaults() or summary() throws: ${String(error)}`);
  }
  for (const [code, text] of Object.entries<LocalizedText>(definition.problems ?? {})) {
    if (!codePattern.test(code)) errors.push(`${where}: problem code "${code}" must look like "area.what"`);
    checkText(`${where} problem "${code}"`, text, errors);
  }
}

/**
 * Checks the shipped definitions and indexes them by type id. Throws, listing every defect, when
 * ids repeat, texts lack a locale, or a problem code collides: these are programming errors.
 */
export function checkNodeTypeDefinitions(
  definitions: readonly AnyNodeTypeDefinition[],
): ReadonlyMap<string, AnyNodeTypeDefinition> {
  const errors: string[] = [];
  const byType = new Map<string, AnyNodeTypeDefinition>();
  const codeOwners = new Map<string, string>(Object.keys(coreProblemMessages).map((code) => [code, 'core']));
  for (const definition of definitions) {
    if (byType.has(definition.type)) errors.push(`node type "${definition.type}" is registered twice`);
    byType.set(definition.type, definition);
    checkOne(definition, errors);
    for (const code of Object.keys(definition.problems ?? {})) {
      const owner = codeOwners.get(code);
      if (owner)
        errors.push(`problem code "${code}" of "${definition.type}" is already declared by ${owner}`);
      codeOwners.set(code, definition.type);
    }
  }
  if (errors.length > 0) throw new Error(`Invalid node type registry:\n- ${errors.join('\n- ')}`);
  return byType;
}
