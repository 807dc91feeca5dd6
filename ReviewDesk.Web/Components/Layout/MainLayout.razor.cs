using MudBlazor;

namespace ReviewDesk.Web.Components.Layout;

public sealed partial class MainLayout
{
    private bool DrawerOpen { get; set; } = true;

    private bool IsDarkMode { get; set; }

    private string DarkModeIcon => IsDarkMode ? Icons.Material.Filled.LightMode : Icons.Material.Filled.DarkMode;

    private string DarkModeLabel => IsDarkMode ? "Switch to light mode" : "Switch to dark mode";

    private void ToggleDrawer() => DrawerOpen = !DrawerOpen;

    private void ToggleDarkMode() => IsDarkMode = !IsDarkMode;
}
