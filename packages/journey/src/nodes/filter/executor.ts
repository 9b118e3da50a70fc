import { evaluate } from '@waymark/conditions';
import type { Executor } from '../../runtime.ts';

/** "yes" when the customer (with the triggering event and their event history) meets the condition. */
export const filterExecutor: Executor<'filter'> = ({ node, customer, triggerEvent, events, now }) => {
  const matched = evaluate(node.config.condition, {
    customer: { attributes: customer.attributes, tags: customer.tags },
    event: triggerEvent,
    events,
    now,
  });
  return { kind: 'advance', port: matched ? 'yes' : 'no' };
};
