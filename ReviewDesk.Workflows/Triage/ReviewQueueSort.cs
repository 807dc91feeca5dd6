namespace ReviewDesk.Workflows.Triage;

/// <summary>Orders of the review queue; each has its own partial index.</summary>
public enum ReviewQueueSort
{
    /// <summary>Earliest review deadline first.</summary>
    Deadline,
    /// <summary>Lowest AI confidence first (tickets the AI could not classify come first of all).</summary>
    Confidence,
    /// <summary>Oldest submission first.</summary>
    Age,
}
