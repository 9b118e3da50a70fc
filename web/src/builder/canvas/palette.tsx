import { localize, paletteGroups } from '@waymark/journey';
import { useI18n } from '../../i18n/index.ts';
import { NodeIcon } from './node-icon.tsx';

/** The drag type that carries a node type from the palette to the canvas. */
export const paletteDragType = 'application/x-waymark-node-type';

const groups = paletteGroups();

/** Node types by category; drag one onto the canvas, or click to add it in view. */
export function Palette({ onAdd, disabled }: { onAdd: (type: string) => void; disabled: boolean }) {
  const { t, locale } = useI18n();
  return (
    <aside className="palette" aria-label={t('editor.palette')}>
      <h2>{t('editor.palette')}</h2>
      <p className="palette-hint">{t('editor.paletteHint')}</p>
      {groups.map((group) => (
        <section key={group.category} className="palette-group">
          <h3>{localize(group.label, locale)}</h3>
          {group.types.map((definition) => (
            <button
              key={definition.type}
              type="button"
              className={`palette-item jn-${definition.category}`}
              draggable={!disabled}
              disabled={disabled}
              data-node-type={definition.type}
              title={localize(definition.description, locale)}
              onDragStart={(event) => {
                event.dataTransfer.setData(paletteDragType, definition.type);
                event.dataTransfer.effectAllowed = 'copy';
              }}
              onClick={() => onAdd(definition.type)}
            >
              <span className="jn-icon">
                <NodeIcon name={definition.icon} size={14} />
              </span>
              {localize(definition.label, locale)}
            </button>
          ))}
        </section>
      ))}
    </aside>
  );
}
