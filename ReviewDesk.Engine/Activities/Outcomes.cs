namespace ReviewDesk.Engine.Activities;

/// <summary>Outcome names with a meaning to the runtime.</summary>
public static class Outcomes
{
    /// <summary>The usual outcome of an activity that finished.</summary>
    public const string Done = "Done";

    /// <summary>Taken when an activity's attempts are exhausted, if the definition connects it.</summary>
    public const string Failed = "Failed";

    /// <summary>Taken when a bookmark's deadline passes (the default of <see cref="IActivity.OnDeadlineAsync"/>).</summary>
    public const string TimedOut = "TimedOut";
}
