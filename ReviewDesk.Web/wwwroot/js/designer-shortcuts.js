// Undo and redo in the workflow designer: Ctrl+Z, and Ctrl+Y or Ctrl+Shift+Z (Cmd on a Mac), go to .NET
// (WorkflowEditorPage.OnShortcutAsync) unless the admin is typing in a field or a dialog is open.
import { isForSomethingElse } from './shortcut-guard.js';

export function register(page) {
  const onKeyDown = event => {
    if (event.defaultPrevented || event.altKey || !(event.ctrlKey || event.metaKey) || isForSomethingElse(event)) return;
    const key = event.key.toLowerCase();
    const action = key === 'y' || (key === 'z' && event.shiftKey) ? 'redo' : key === 'z' ? 'undo' : null;
    if (!action) return;
    event.preventDefault();
    page.invokeMethodAsync('OnShortcutAsync', action);
  };
  document.addEventListener('keydown', onKeyDown);
  return { dispose: () => document.removeEventListener('keydown', onKeyDown) };
}
