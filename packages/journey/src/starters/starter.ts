import type { JourneyGraph } from '../graph/schema.ts';
import type { LocalizedText } from '../i18n/locale.ts';

/** A ready-made journey a planner can start from. Its references are placeholders (see `placeholders.ts`). */
export interface StarterJourney {
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  graph: JourneyGraph;
}
