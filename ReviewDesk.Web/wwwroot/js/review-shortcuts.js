// Keyboard shortcuts of the ticket page. Keys go to .NET (TicketPage.OnShortcutAsync) unless the
// reviewer is typing in a field, a modifier is held, or a dialog is open.
import { isForSomethingElse } from './shortcut-guard.js';

const keys = new Set(['a', 'e', 'r', 'x', 'c', 'j', 'k', '?']);

export function register(page) {
  const onKeyDown = event => {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || isForSomethingElse(event)) return;
    const key = event.key === '?' ? '?' : event.key.toLowerCase();
    if (!keys.has(key)) return;
    event.preventDefault();
    page.invokeMethodAsync('OnShortcutAsync', key);
  };
  document.addEventListener('keydown', onKeyDown);
  return { dispose: () => document.removeEventListener('keydown', onKeyDown) };
}
