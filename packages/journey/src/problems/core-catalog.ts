import type { LocalizedText } from '../i18n/locale.ts';
import type { SharedNodeProblemCode } from '../node-types/define.ts';

/*
 * Messages of the problems the graph checks find, by stable code. Node types add their own
 * codes in their definitions; `problemCatalog` merges both.
 *
 * Placeholders the formatter fills for every problem: {node} (the node's label and id, in the
 * locale), {field} (a path inside a config or the settings), {reason} (a field reason).
 */
export const coreProblemMessages = {
  'graph.invalid-shape': {
    en: 'The journey could not be read: {field} {reason}.',
    'zh-CN': '无法读取旅程：{field} {reason}。',
  },
  'graph.no-trigger': {
    en: 'The journey has no trigger: add an event or segment trigger to start it.',
    'zh-CN': '旅程没有触发节点：请添加事件触发或客群触发。',
  },
  'graph.mixed-triggers': {
    en: '{node} is a different kind of trigger than the others: a journey starts with triggers of one kind.',
    'zh-CN': '{node}与其他触发节点类型不同：一个旅程只能使用同一种触发方式。',
  },
  'graph.cycle-without-wait': {
    en: 'The path {nodes} loops back on itself without a wait: customers would go round forever. Add a wait to the loop.',
    'zh-CN': '路径 {nodes} 形成了没有等待节点的循环，客户会无限循环。请在循环中加入等待节点。',
  },
  'graph.validation-failed': {
    en: 'The journey could not be checked completely; please report this to support.',
    'zh-CN': '旅程未能完成检查，请联系技术支持。',
  },
  'node.duplicate-id': {
    en: 'Two or more nodes share the id “{nodeId}”; each node needs its own id.',
    'zh-CN': '有多个节点使用了同一个 ID“{nodeId}”，每个节点的 ID 必须唯一。',
  },
  'node.unknown-type': {
    en: 'Node “{nodeId}” has the type “{type}”, which this version of the product does not know.',
    'zh-CN': '节点“{nodeId}”的类型“{type}”无法识别。',
  },
  'node.invalid-config': {
    en: 'In {node}, {field} {reason}.',
    'zh-CN': '{node}中，{field} {reason}。',
  },
  'node.unreachable': {
    en: '{node} cannot be reached from any trigger, so no customer will ever get there.',
    'zh-CN': '{node}无法从任何触发节点到达，不会有客户经过这里。',
  },
  'port.unwired': {
    en: 'The “{port}” exit of {node} is not connected: connect it to the next step.',
    'zh-CN': '{node}的“{port}”出口尚未连接：请连接到下一步。',
  },
  'edge.duplicate-id': {
    en: 'Two or more connections share the id “{edgeId}”.',
    'zh-CN': '有多条连线使用了同一个 ID“{edgeId}”。',
  },
  'edge.missing-source': {
    en: 'A connection starts at node “{source}”, which does not exist.',
    'zh-CN': '有一条连线的起点节点“{source}”不存在。',
  },
  'edge.missing-target': {
    en: 'A connection from {node} leads to node “{target}”, which does not exist.',
    'zh-CN': '{node}的一条连线指向不存在的节点“{target}”。',
  },
  'edge.unknown-port': {
    en: '{node} has no exit named “{port}”, but a connection starts there.',
    'zh-CN': '{node}没有名为“{port}”的出口，但有连线从这里开始。',
  },
  'edge.port-taken': {
    en: 'The “{port}” exit of {node} has more than one connection; an exit leads to exactly one next step.',
    'zh-CN': '{node}的“{port}”出口连接了多条线，一个出口只能连接一个下一步。',
  },
  'edge.into-trigger': {
    en: 'A connection leads into {node}: a trigger starts the journey and cannot be entered from another step.',
    'zh-CN': '有连线进入{node}：触发节点是旅程的起点，不能从其他步骤进入。',
  },
  'edge.self-loop': {
    en: '{node} is connected to itself.',
    'zh-CN': '{node}连接到了自身。',
  },
  'ref.template-missing': {
    en: '{node} uses template “{templateId}”, which does not exist or was archived.',
    'zh-CN': '{node}使用的模板“{templateId}”不存在或已归档。',
  },
  'ref.template-channel-mismatch': {
    en: '{node} sends by {channel}, but template “{templateId}” is written for {templateChannel}.',
    'zh-CN': '{node}通过{channel}发送，但模板“{templateId}”是为{templateChannel}编写的。',
  },
  'ref.connector-missing': {
    en: '{node} uses connector “{connectorId}”, which is not configured.',
    'zh-CN': '{node}使用的连接器“{connectorId}”尚未配置。',
  },
  'ref.connector-channel-mismatch': {
    en: '{node} sends by {channel}, but connector “{connectorId}” delivers {connectorChannel}.',
    'zh-CN': '{node}通过{channel}发送，但连接器“{connectorId}”用于{connectorChannel}。',
  },
  'ref.segment-missing': {
    en: '{node} uses segment “{segmentId}”, which does not exist or was archived.',
    'zh-CN': '{node}使用的客群“{segmentId}”不存在或已归档。',
  },
  'settings.invalid': {
    en: 'In the journey settings, {field} {reason}.',
    'zh-CN': '旅程设置中，{field} {reason}。',
  },
  'settings.goal-invalid': {
    en: 'In the conversion goal, {field} {reason}.',
    'zh-CN': '转化目标中，{field} {reason}。',
  },
  'settings.goal-missing': {
    en: 'Customers should exit when they reach the goal, but the journey has no goal: set one or turn “exit on goal” off.',
    'zh-CN': '已设置“达成目标即退出”，但旅程没有转化目标：请设置目标或关闭该选项。',
  },
  'settings.goal-is-trigger': {
    en: 'The goal event “{event}” also starts the journey, so every customer would convert the moment they enter.',
    'zh-CN': '目标事件“{event}”同时也是触发事件，客户一进入旅程就会被记为转化。',
  },
  'settings.quiet-hours-empty': {
    en: 'Quiet hours start and end at the same time ({start}); choose an end time or remove quiet hours.',
    'zh-CN': '免打扰时段的开始和结束时间相同（{start}）：请设置结束时间或取消免打扰。',
  },
} as const satisfies Record<string, LocalizedText> & Record<SharedNodeProblemCode, LocalizedText>;

export type CoreProblemCode = keyof typeof coreProblemMessages;
