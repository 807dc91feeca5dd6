namespace ReviewDesk.Web.Operations;

/// <summary>The operator board's settings, bound from <c>Operations</c>.</summary>
public sealed class OperationsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Operations";

    /// <summary>The board shows a stuck-work banner when the oldest due, unclaimed work item has waited longer than this.</summary>
    public TimeSpan StuckWorkThreshold { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How often an open board reloads without any event. Events refresh it at once, but stuck work raises none: a due
    /// work item that no worker takes only grows older.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a history read is reused by every open board, so a burst of events or many operators cost one read.</summary>
    public TimeSpan HistoryCacheDuration { get; set; } = TimeSpan.FromSeconds(1);
}
