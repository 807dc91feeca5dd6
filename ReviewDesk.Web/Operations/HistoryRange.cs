namespace ReviewDesk.Web.Operations;

/// <summary>The span of time the operator board's charts cover.</summary>
public enum HistoryRange
{
    /// <summary>The last hour in twelve 5-minute buckets.</summary>
    LastHour,

    /// <summary>The last day in twenty-four 1-hour buckets.</summary>
    LastDay,
}
