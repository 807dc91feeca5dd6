namespace ReviewDesk.Web.Operations;

/// <summary>Work items due now that no worker holds, and how long the oldest has waited (zero when none).</summary>
public sealed record DueWork(int Count, TimeSpan OldestAge);
