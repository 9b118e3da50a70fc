import { useI18n } from '../i18n/index.ts';
import { Dialog } from '../ui/dialog.tsx';

const shortcuts = [
  ['Ctrl/⌘ + Z', 'shortcuts.undo'],
  ['Ctrl/⌘ + Shift + Z · Ctrl + Y', 'shortcuts.redo'],
  ['Ctrl/⌘ + C', 'shortcuts.copy'],
  ['Ctrl/⌘ + V', 'shortcuts.paste'],
  ['Delete · Backspace', 'shortcuts.delete'],
  ['Ctrl/⌘ + A', 'shortcuts.selectAll'],
  ['Shift + 1', 'shortcuts.fit'],
  ['Shift + L', 'shortcuts.layout'],
  ['?', 'shortcuts.help'],
] as const;

/** The list of canvas shortcuts. */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog
      title={t('shortcuts.title')}
      onClose={onClose}
      footer={
        <button type="button" className="button" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      <table className="shortcut-table">
        <tbody>
          {shortcuts.map(([keys, label]) => (
            <tr key={label}>
              <td>
                <kbd>{keys}</kbd>
              </td>
              <td>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
