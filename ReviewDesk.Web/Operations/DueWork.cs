namespace ReviewDesk.Web.Operations;

/// <summary>Work items due now that no worker holds (<see cref="OperationsQueries.GetDueWorkAsync"/>).</summary>
/// <param name="Count">How many.</param>
/// <param name="OldestAge">How long the oldest has been due; zero when none is.</param>
public sealed record DueWork(int Count, TimeSpan OldestAge);
