import { diffGraphs, localize, nodeDefinition, summarizeNode } from '@waymark/journey';
import { useI18n } from '../../i18n/index.ts';
import type { JourneyGraph } from '../graph-types.ts';

/** What publishing would change compared with the live version, in the planner's words. */
export function DiffList({ live, draft }: { live: JourneyGraph; draft: JourneyGraph }) {
  const { t, locale } = useI18n();
  const diff = diffGraphs(live, draft);
  if (diff.unchanged) return <p className="muted">{t('publish.noChanges')}</p>;
  const label = (type: string) => {
    const definition = nodeDefinition(type);
    return definition ? localize(definition.label, locale) : type;
  };
  const draftNode = (id: string) => draft.nodes.find((node) => node.id === id);
  return (
    <ul className="diff-list" data-testid="publish-diff">
      {diff.nodes.added.map((node) => (
        <li key={`a-${node.id}`} className="diff-added">
          <strong>{t('publish.added')}</strong> {label(node.type)} — {summarizeNode(node, locale)}
        </li>
      ))}
      {diff.nodes.removed.map((node) => (
        <li key={`r-${node.id}`} className="diff-removed">
          <strong>{t('publish.removed')}</strong> {label(node.type)} — {summarizeNode(node, locale)}
        </li>
      ))}
      {diff.nodes.changed.map((change) => {
        const node = draftNode(change.id);
        return (
          <li key={`c-${change.id}`} className="diff-changed">
            <strong>{t('publish.changed')}</strong>{' '}
            {node ? `${label(node.type)} — ${summarizeNode(node, locale)}` : change.id}
            <span className="muted"> ({change.configKeys.join(', ')})</span>
          </li>
        );
      })}
      {diff.edges.added.length + diff.edges.removed.length > 0 ? (
        <li className="diff-changed">
          <strong>{t('publish.rewired')}</strong> +{diff.edges.added.length} / −{diff.edges.removed.length}
        </li>
      ) : null}
      {diff.settings.length > 0 ? (
        <li className="diff-changed">
          <strong>{t('publish.settingsChanged')}</strong> {diff.settings.join(', ')}
        </li>
      ) : null}
    </ul>
  );
}
