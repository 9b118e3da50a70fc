/** A realistic valid journey: on a large deposit, send an SMS offer, then leave. */
export function depositOfferGraph(refs: { templateId: string; connectorId: string }) {
  return {
    nodes: [
      {
        id: 'trigger',
        type: 'trigger.event',
        config: {
          event: 'large_deposit',
          condition: { type: 'property', field: 'amount', valueType: 'number', op: 'gte', value: 50000 },
        },
        position: { x: 0, y: 0 },
      },
      {
        id: 'offer',
        type: 'send',
        config: {
          channel: 'sms',
          connectorId: refs.connectorId,
          messageName: '理财推荐',
          content: { kind: 'template', templateId: refs.templateId },
        },
        position: { x: 0, y: 120 },
      },
      { id: 'done', type: 'exit', config: { reason: 'offer sent' }, position: { x: 0, y: 240 } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'out', target: 'offer' },
      { id: 'e2', source: 'offer', sourceHandle: 'sent', target: 'done' },
    ],
    settings: {},
  };
}
