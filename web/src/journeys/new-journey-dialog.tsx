import { bindStarter, localize, type JourneyGraph as SharedGraph, starterJourneys } from '@waymark/journey';
import { type FormEvent, useState } from 'react';
import { listConnectors } from '../api/connectors.ts';
import { createJourney } from '../api/journeys.ts';
import { listSegments } from '../api/segments.ts';
import { listTemplates } from '../api/templates.ts';
import { navigate } from '../app/router.ts';
import { autoLayout, exitOrder } from '../builder/canvas/layout.ts';
import { normalizeGraph } from '../builder/graph-types.ts';
import { moveNodes } from '../builder/state/graph-ops.ts';
import { useI18n } from '../i18n/index.ts';
import { Banner } from '../ui/banner.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { errorText } from '../ui/error-text.ts';
import { starterBindings } from './starter-bindings.ts';

/** The list a settled request gave, or none when it failed. */
function settledList<T>(result: PromiseSettledResult<T[]>): T[] {
  return result.status === 'fulfilled' ? result.value : [];
}

/** Name a new journey and start from a blank canvas or a starter; opens the editor when created. */
export function NewJourneyDialog({ onClose }: { onClose: () => void }) {
  const { t, locale } = useI18n();
  const [name, setName] = useState('');
  const [starterId, setStarterId] = useState<string>('');
  const [error, setError] = useState<unknown>(undefined);
  const [nameMissing, setNameMissing] = useState(false);
  const [busy, setBusy] = useState(false);

  function choose(id: string) {
    setStarterId(id);
    const starter = starterJourneys.find((candidate) => candidate.id === id);
    if (starter && (!name || starterJourneys.some((s) => localize(s.name, locale) === name))) {
      setName(localize(starter.name, locale));
    }
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) {
      setNameMissing(true);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const starter = starterJourneys.find((candidate) => candidate.id === starterId);
      let draft: SharedGraph = { nodes: [], edges: [], settings: {} };
      if (starter) {
        // A list that fails to load only leaves its placeholders unbound; validation then shows them.
        const [templates, connectors, segments] = await Promise.allSettled([
          listTemplates(),
          listConnectors(),
          listSegments(),
        ]);
        draft = bindStarter(
          structuredClone(starter.graph),
          starterBindings({
            templates: settledList(templates),
            connectors: settledList(connectors),
            segments: settledList(segments),
          }),
        );
      }
      // Starters are drawn left to right; the canvas reads top to bottom, so lay them out once.
      const graph = normalizeGraph(draft);
      const laidOut = graph.nodes.length > 0 ? moveNodes(graph, autoLayout(graph, exitOrder(graph))) : graph;
      const created = await createJourney({ name: name.trim(), graph: laidOut });
      navigate(`/journeys/${created.id}`);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <Dialog
      wide
      title={t('newJourney.title')}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" form="new-journey" className="button primary" disabled={busy}>
            {busy ? t('newJourney.creating') : t('newJourney.create')}
          </button>
        </>
      }
    >
      <form id="new-journey" onSubmit={create}>
        {error ? <Banner kind="error">{errorText(t, error)}</Banner> : null}
        <label className="field">
          <span>{t('newJourney.name')}</span>
          <input
            autoFocus
            value={name}
            aria-invalid={nameMissing || undefined}
            placeholder={t('newJourney.namePlaceholder')}
            onChange={(e) => {
              setName(e.target.value);
              setNameMissing(false);
            }}
          />
          {nameMissing ? <span className="field-error">{t('newJourney.nameRequired')}</span> : null}
        </label>
        <span className="field-label">{t('newJourney.startFrom')}</span>
        <div className="choice-list">
          <button type="button" className="choice" aria-pressed={starterId === ''} onClick={() => choose('')}>
            <span className="choice-title">{t('newJourney.blank')}</span>
            <span className="choice-text">{t('newJourney.blankText')}</span>
          </button>
          {starterJourneys.map((starter) => (
            <button
              key={starter.id}
              type="button"
              className="choice"
              aria-pressed={starterId === starter.id}
              data-starter={starter.id}
              onClick={() => choose(starter.id)}
            >
              <span className="choice-title">{localize(starter.name, locale)}</span>
              <span className="choice-text">{localize(starter.description, locale)}</span>
            </button>
          ))}
        </div>
      </form>
    </Dialog>
  );
}
