namespace ReviewDesk.Web.Api;

/// <summary>The optional body of a cancel: why, for the journal.</summary>
public sealed record CancelRequest(string? Reason)
{
    /// <summary>Longest reason.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>Problems by field name; empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (Reason is { Length: > MaxReasonLength }) errors["reason"] = [$"The reason must be at most {MaxReasonLength} characters."];
        return errors;
    }
}
