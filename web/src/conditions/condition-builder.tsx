import type { Condition } from '@waymark/conditions';
import { useFieldCatalog } from '../fields/use-field-catalog.ts';
import { useI18n } from '../i18n/index.ts';
import { asGroup, defaultRule, fromGroup, type GroupMode } from './condition-model.ts';
import { ConditionRule } from './condition-rule.tsx';

interface ConditionBuilderProps {
  value: Condition | undefined;
  onChange: (value: Condition | undefined) => void;
  /** `event` offers only properties of the event in hand (trigger and wait conditions). */
  scope: 'customer' | 'event';
  event?: string | undefined;
  label?: string;
}

const maxDepth = 3;

/** Nested AND / OR / NOT groups of rules, edited in place; an empty root means "no condition". */
export function ConditionBuilder({ value, onChange, scope, event, label }: ConditionBuilderProps) {
  return (
    <fieldset className="cond-builder" aria-label={label}>
      <Group
        condition={value}
        depth={1}
        scope={scope}
        event={event}
        onChange={(next) => {
          const group = asGroup(next);
          onChange(group.children.length === 0 ? undefined : next);
        }}
      />
    </fieldset>
  );
}

interface GroupProps {
  condition: Condition | undefined;
  depth: number;
  scope: 'customer' | 'event';
  event?: string | undefined;
  onChange: (condition: Condition) => void;
  onRemove?: () => void;
}

function Group({ condition, depth, scope, event, onChange, onRemove }: GroupProps) {
  const { t } = useI18n();
  const catalog = useFieldCatalog();
  const group = asGroup(condition);
  const write = (mode: GroupMode, children: Condition[]) => onChange(fromGroup({ mode, children }));
  const replaceChild = (index: number, child: Condition) =>
    write(
      group.mode,
      group.children.map((existing, i) => (i === index ? child : existing)),
    );
  const removeChild = (index: number) =>
    write(
      group.mode,
      group.children.filter((_, i) => i !== index),
    );

  return (
    <div className={`cond-group depth-${depth}`}>
      <div className="cond-group-head">
        <select
          aria-label={t('condition.operator')}
          value={group.mode}
          onChange={(e) => write(e.target.value as GroupMode, group.children)}
        >
          <option value="all">{t('condition.all')}</option>
          <option value="any">{t('condition.any')}</option>
          <option value="none">{t('condition.not')}</option>
        </select>
        {onRemove ? (
          <button type="button" className="button ghost small" onClick={onRemove}>
            {t('common.remove')}
          </button>
        ) : null}
      </div>
      {group.children.length === 0 ? <p className="muted cond-empty">{t('condition.empty')}</p> : null}
      {group.children.map((child, index) => {
        const isGroup = child.type === 'all' || child.type === 'any' || child.type === 'not';
        return isGroup ? (
          <Group
            // biome-ignore lint/suspicious/noArrayIndexKey: rules have no ids; position is their identity.
            key={index}
            condition={child}
            depth={depth + 1}
            scope={scope}
            event={event}
            onChange={(next) => replaceChild(index, next)}
            onRemove={() => removeChild(index)}
          />
        ) : (
          <ConditionRule
            // biome-ignore lint/suspicious/noArrayIndexKey: rules have no ids; position is their identity.
            key={index}
            rule={child}
            scope={scope}
            event={event}
            onChange={(next) => replaceChild(index, next)}
            onRemove={() => removeChild(index)}
          />
        );
      })}
      <div className="cond-actions">
        <button
          type="button"
          className="button small"
          onClick={() => write(group.mode, [...group.children, defaultRule(scope, event, catalog)])}
        >
          + {t('condition.addRule')}
        </button>
        {depth < maxDepth ? (
          <button
            type="button"
            className="button small"
            onClick={() =>
              write(group.mode, [
                ...group.children,
                {
                  type: group.mode === 'any' ? 'all' : 'any',
                  conditions: [defaultRule(scope, event, catalog)],
                } as Condition,
              ])
            }
          >
            + {t('condition.addGroup')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
