namespace ReviewDesk.Workflows.Triage;

/// <summary>The review queue's settings, bound from <c>Reviews</c>.</summary>
public sealed class ReviewQueueOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Reviews";

    /// <summary>How long a claim holds a ticket unless renewed (claiming again renews it).</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(10);
}
