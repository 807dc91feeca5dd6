namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>One retrain, from its start to its end (the row behind <c>GET /api/models/retrains/{id}</c>).</summary>
public sealed class RetrainRunRecord
{
    /// <summary><c>rt_</c> and 16 hex digits.</summary>
    public required string Id { get; set; }
    /// <summary>Who asked (<c>system</c> for the triggers).</summary>
    public required string RequestedBy { get; set; }
    /// <summary>One of <see cref="RetrainTriggers"/>.</summary>
    public required string Trigger { get; set; }
    /// <summary>The node's lease owner id that runs it.</summary>
    public required string Owner { get; set; }
    /// <summary>Where it is.</summary>
    public RetrainStatus Status { get; set; }
    /// <summary>When it started.</summary>
    public DateTimeOffset StartedAt { get; set; }
    /// <summary>When it ended; null while it runs.</summary>
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>The version it stored (promoted or rejected); null otherwise.</summary>
    public string? Version { get; set; }
    /// <summary>Why it failed (the error's type and message; never ticket text).</summary>
    public string? Error { get; set; }
}
