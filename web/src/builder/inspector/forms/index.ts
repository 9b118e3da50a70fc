import type { NodeType } from '@waymark/journey';
import type { ComponentType } from 'react';
import type { NodeFormProps } from '../form-kit.tsx';
import { ExitForm } from './exit-form.tsx';
import { FilterForm } from './filter-form.tsx';
import { RmTaskForm } from './rm-task-form.tsx';
import { SendForm } from './send-form.tsx';
import { SplitAbForm } from './split-ab-form.tsx';
import { TriggerEventForm } from './trigger-event-form.tsx';
import { TriggerSegmentForm } from './trigger-segment-form.tsx';
import { UpdateForm } from './update-form.tsx';
import { WaitDurationForm } from './wait-duration-form.tsx';
import { WaitEventForm } from './wait-event-form.tsx';
import { WaitUntilForm } from './wait-until-form.tsx';
import { WebhookForm } from './webhook-form.tsx';

// biome-ignore lint/suspicious/noExplicitAny: each form is typed to its own config; the map is heterogeneous.
type AnyNodeForm = ComponentType<NodeFormProps<any>>;

/**
 * The inspector form of every shipped node type. Typed against the registry's `NodeType`, so a
 * new node type without a form is a compile error here rather than a blank inspector.
 */
export const nodeForms = {
  'trigger.event': TriggerEventForm,
  'trigger.segment': TriggerSegmentForm,
  filter: FilterForm,
  'split.ab': SplitAbForm,
  send: SendForm,
  'rm.task': RmTaskForm,
  update: UpdateForm,
  webhook: WebhookForm,
  'wait.duration': WaitDurationForm,
  'wait.until': WaitUntilForm,
  'wait.event': WaitEventForm,
  exit: ExitForm,
} satisfies Record<NodeType, AnyNodeForm>;

/** The form for a node type, or undefined for a type this build does not know. */
export function formFor(type: string): AnyNodeForm | undefined {
  return Object.hasOwn(nodeForms, type) ? nodeForms[type as NodeType] : undefined;
}
