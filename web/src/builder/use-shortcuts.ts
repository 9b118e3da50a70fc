import { useEffect } from 'react';
import type { EditorCommands } from './use-editor-commands.ts';

/** True when the key belongs to a text field, which keeps its own undo, copy and delete. */
function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

interface ShortcutDeps {
  commands: EditorCommands;
  undo: () => void;
  redo: () => void;
  showHelp: () => void;
  enabled: boolean;
}

/**
 * Canvas shortcuts: Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z or Ctrl+Y redo, Delete/Backspace delete,
 * Ctrl/⌘+A select all, Shift+1 zoom to fit, Shift+L tidy, ? help. Copy and paste use the
 * browser's own copy/paste events, so the system clipboard works without extra permissions.
 */
export function useShortcuts({ commands, undo, redo, showHelp, enabled }: ShortcutDeps) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (inTextField(event.target) || document.querySelector('dialog[open]')) return;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) redo();
        else undo();
      } else if (mod && key === 'y') {
        event.preventDefault();
        redo();
      } else if (mod && key === 'a') {
        event.preventDefault();
        commands.selectAll();
      } else if (event.key === 'Delete' || event.key === 'Backspace') {
        event.preventDefault();
        commands.deleteSelection();
      } else if (event.shiftKey && event.code === 'Digit1') {
        commands.fit();
      } else if (event.shiftKey && key === 'l') {
        commands.tidy();
      } else if (event.key === '?') {
        showHelp();
      }
    };
    const onCopy = (event: ClipboardEvent) => {
      if (inTextField(event.target) || document.querySelector('dialog[open]')) return;
      const text = commands.copyText();
      if (text === undefined || !event.clipboardData) return;
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (inTextField(event.target) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      commands.pasteText(event.clipboardData?.getData('text/plain') ?? '');
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [commands, undo, redo, showHelp, enabled]);
}
