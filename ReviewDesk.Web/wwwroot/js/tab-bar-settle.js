// Resolves once a MudTabs tab bar has stopped changing: no resize of the bar or of a tab, and no tab added or
// removed, for `quietMs`. MudTabs measures its tabs with MudBlazor's ResizeObserver, which reports a change to .NET
// 200 ms after the last one (its ReportRate), and MudTabs then re-renders every tab header. Waiting longer than that
// here means MudBlazor's report has been sent before this promise resolves, so the re-render it causes reaches .NET
// first (see WorkflowEditorPage.WaitForTabBarAsync).
export function whenSettled(container, quietMs) {
  return new Promise(resolve => {
    const bar = container.querySelector('.mud-tabs-tabbar') ?? container;
    let timer;
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    };
    const sizes = new ResizeObserver(restart);
    const observeTabs = () => bar.querySelectorAll('.mud-tab').forEach(tab => sizes.observe(tab));
    const changes = new MutationObserver(() => {
      observeTabs();
      restart();
    });
    const done = () => {
      sizes.disconnect();
      changes.disconnect();
      resolve();
    };
    sizes.observe(bar);
    observeTabs();
    changes.observe(bar, { childList: true, subtree: true });
    restart();
  });
}
