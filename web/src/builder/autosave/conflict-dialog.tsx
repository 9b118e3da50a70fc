import { localize, nodeDefinition } from '@waymark/journey';
import { useI18n } from '../../i18n/index.ts';
import { Dialog } from '../../ui/dialog.tsx';
import type { MergeConflict } from '../state/merge.ts';
import type { EditorDoc } from './use-autosave.ts';

interface ConflictDialogProps {
  conflicts: MergeConflict[];
  mine: EditorDoc;
  onKeepMine: () => void;
  onTakeTheirs: () => void;
}

/**
 * Someone else saved changes to the same steps: the planner chooses, and can download their own
 * version first so nothing is lost whichever they pick.
 */
export function ConflictDialog({ conflicts, mine, onKeepMine, onTakeTheirs }: ConflictDialogProps) {
  const { t, locale } = useI18n();
  const things = conflicts
    .map((conflict) => {
      if (conflict.kind !== 'node') return conflict.id;
      const node = mine.graph.nodes.find((candidate) => candidate.id === conflict.id);
      const definition = node ? nodeDefinition(node.type) : undefined;
      return definition ? `${localize(definition.label, locale)} (${conflict.id})` : conflict.id;
    })
    .join(', ');

  function download() {
    const blob = new Blob([JSON.stringify(mine, null, 2)], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${mine.name || 'journey'}.json`;
    link.click();
    URL.revokeObjectURL(url);
  }

  return (
    <Dialog
      title={t('save.conflictTitle')}
      onClose={() => undefined}
      footer={
        <>
          <button type="button" className="button" onClick={download}>
            {t('save.downloadMine')}
          </button>
          <button type="button" className="button" onClick={onTakeTheirs}>
            {t('save.takeTheirs')}
          </button>
          <button type="button" className="button primary" onClick={onKeepMine}>
            {t('save.keepMine')}
          </button>
        </>
      }
    >
      <p>{t('save.conflictText', { things })}</p>
    </Dialog>
  );
}
