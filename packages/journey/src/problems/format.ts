import { channelLabels } from '../graph/fields.ts';
import { fillTemplate, type MessageParam } from '../i18n/fill.ts';
import { type Locale, localize } from '../i18n/locale.ts';
import { nodeDefinition } from '../registry.ts';
import { problemCatalog } from './catalog.ts';
import type { NodeNames } from './node-names.ts';
import type { Problem } from './problem.ts';
import { fieldReasons, isFieldReason } from './reasons.ts';

const typeNames: Record<string, Record<Locale, string>> = {
  number: { en: 'a number', 'zh-CN': '数字' },
  string: { en: 'text', 'zh-CN': '文本' },
  boolean: { en: 'yes or no', 'zh-CN': '是/否' },
  array: { en: 'a list', 'zh-CN': '列表' },
  object: { en: 'a group of fields', 'zh-CN': '字段组' },
  record: { en: 'a group of fields', 'zh-CN': '字段组' },
};

const wholeThing: Record<string, Record<Locale, string>> = {
  node: { en: 'the configuration', 'zh-CN': '配置' },
  settings: { en: 'the settings', 'zh-CN': '设置' },
  graph: { en: 'the journey', 'zh-CN': '旅程' },
};

function nodeName(nodeId: string, type: MessageParam | undefined, locale: Locale): string {
  const definition = typeof type === 'string' ? nodeDefinition(type) : undefined;
  const label = definition ? localize(definition.label, locale) : locale === 'zh-CN' ? '节点' : 'Node';
  return locale === 'zh-CN' ? `${label}“${nodeId}”` : `${label} “${nodeId}”`;
}

function localizedPort(type: MessageParam | undefined, port: MessageParam | undefined, locale: Locale) {
  const definition = typeof type === 'string' ? nodeDefinition(type) : undefined;
  if (!definition || !Array.isArray(definition.ports)) return port;
  const spec = definition.ports.find((candidate) => candidate.id === port);
  return spec ? localize(spec.label, locale) : port;
}

type Formattable = Pick<Problem, 'code' | 'params'> & Partial<Pick<Problem, 'nodeId' | 'edgeId'>>;

function localizedParams(problem: Formattable, locale: Locale, names: NodeNames | undefined) {
  const params: Record<string, MessageParam> = { ...problem.params };
  if (problem.edgeId !== undefined) params.edgeId = problem.edgeId;
  if (problem.nodeId !== undefined) {
    params.nodeId = problem.nodeId;
    params.node = names?.(problem.nodeId) ?? nodeName(problem.nodeId, problem.params.nodeType, locale);
  }
  // The steps of a loop, named like {node}.
  const loop = params.nodes;
  if (names && problem.code === 'graph.cycle-without-wait' && Array.isArray(loop))
    params.nodes = loop.map((id) => (typeof id === 'string' ? (names(id) ?? id) : id));
  if (params.port !== undefined)
    params.port = localizedPort(params.nodeType, params.port, locale) as MessageParam;
  for (const key of ['channel', 'templateChannel', 'connectorChannel']) {
    const value = params[key];
    if (typeof value === 'string' && Object.hasOwn(channelLabels, value)) {
      params[key] = channelLabels[value as keyof typeof channelLabels][locale];
    }
  }
  const expected = params.expected;
  if (typeof expected === 'string' && typeNames[expected]) params.expected = typeNames[expected][locale];
  const reason = params.reason;
  if (typeof reason === 'string' && isFieldReason(reason)) {
    params.reason = fillTemplate(
      localize(fieldReasons[reason], locale),
      params,
      locale === 'zh-CN' ? '、' : ', ',
    );
    const scope = problem.code.startsWith('node.')
      ? 'node'
      : problem.code.startsWith('settings.')
        ? 'settings'
        : 'graph';
    if (typeof params.field !== 'string' || params.field === '')
      params.field = localize(wholeThing[scope]!, locale);
  }
  return params;
}

/**
 * The problem's sentence in `locale`. Fills the placeholders every message may use: {node} (the
 * node's label and id, or the name `names` gives it, see `nodeNamesFor`), {field} and {reason}
 * (what is wrong with which field), and localises channel names and expected types. Never throws,
 * even for a code it does not know.
 */
export function formatProblem(problem: Formattable, locale: Locale, names?: NodeNames): string {
  const template = Object.hasOwn(problemCatalog, problem.code) ? problemCatalog[problem.code] : undefined;
  if (!template) return problem.code;
  const separator = problem.code === 'graph.cycle-without-wait' ? ' → ' : locale === 'zh-CN' ? '、' : ', ';
  return fillTemplate(localize(template, locale), localizedParams(problem, locale, names), separator);
}
