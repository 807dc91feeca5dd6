// Whether a key press belongs to something else than a page's shortcuts: the user is typing in a field
// (where the browser's own keys, undo included, apply) or a dialog is open.
export function isForSomethingElse(event) {
  const target = event.target;
  if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return true;
  return document.querySelector('.mud-dialog-container') !== null;
}
