import type { Problem } from '@waymark/journey';
import { useI18n } from '../../i18n/index.ts';
import type { JourneyGraph } from '../graph-types.ts';
import { LivePanel } from '../live/live-panel.tsx';
import type { LiveStats } from '../live/use-live-stats.ts';
import type { EditorCommands } from '../use-editor-commands.ts';
import type { References } from '../use-references.ts';
import { NodeInspector } from './node-inspector.tsx';
import { SettingsForm } from './settings-form.tsx';

interface InspectorProps {
  graph: JourneyGraph;
  node: JourneyGraph['nodes'][number] | undefined;
  selectionCount: number;
  problems: readonly Problem[];
  references: References;
  readOnly: boolean;
  commands: EditorCommands;
  live: LiveStats | undefined;
}

/** The right-hand panel: live totals, then the selected step's form or the journey settings. */
export function Inspector({
  graph,
  node,
  selectionCount,
  problems,
  references,
  readOnly,
  commands,
  live,
}: InspectorProps) {
  const { t } = useI18n();
  return (
    <aside className="inspector" aria-label={t('inspector.title')}>
      {live ? <LivePanel live={live} graph={graph} /> : null}
      {node ? (
        <NodeInspector
          node={node}
          graph={graph}
          problems={problems}
          references={references}
          readOnly={readOnly}
          commands={commands}
        />
      ) : (
        <>
          <p className="muted small">
            {selectionCount > 1
              ? t('inspector.multipleSelected', { count: selectionCount })
              : t('inspector.nothingSelected')}
          </p>
          <SettingsForm
            settings={graph.settings}
            problems={problems.filter(
              (problem) =>
                !problem.nodeId && (problem.path?.[0] === 'settings' || problem.code.startsWith('settings.')),
            )}
            readOnly={readOnly}
            onChange={commands.setSettings}
          />
        </>
      )}
    </aside>
  );
}
