// Z.Blazor.Diagrams 3.0.4 reports element sizes from a ResizeObserver through each node's DotNetObjectReference. When a
// node is removed (delete, undo, redo), .NET disposes that reference and asks the script to stop observing; a resize
// already queued in the browser can still arrive in between, and its call then fails with "There is no tracked object
// with id ..." as an unhandled promise rejection. The node is gone, so its size no longer matters: that one failure is
// dropped here, and every other failure is still reported.
(() => {
  const diagrams = window.ZBlazorDiagrams;
  if (!diagrams || typeof diagrams.observe !== 'function') return;
  const disposedReference = /There is no tracked object with id/;
  const guarded = ref => ({
    invokeMethodAsync: (...args) => ref.invokeMethodAsync(...args).catch(error => {
      if (!disposedReference.test(String(error && error.message || error))) throw error;
    }),
  });
  const observe = diagrams.observe;
  diagrams.observe = (element, ref, id) => observe(element, ref ? guarded(ref) : ref, id);
})();
