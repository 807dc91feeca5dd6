namespace ReviewDesk.Web.Identity;

/// <summary>The roles of ReviewDesk's users and API keys (see the role matrix in the README).</summary>
public static class ReviewDeskRoles
{
    /// <summary>Works the review queue: claims, decides and comments on tickets.</summary>
    public const string Reviewer = "Reviewer";

    /// <summary>Everything a reviewer and an operator may do, plus taking over claims and managing API keys.</summary>
    public const string Admin = "Admin";

    /// <summary>Watches the system: the operator board and workflow instances.</summary>
    public const string Operator = "Operator";

    /// <summary>
    /// Not a work role but a grant on top of one: may reveal tickets' original PII values (Admins may
    /// anyway). Given to accounts by <c>Auth:PiiRevealers</c>, to API keys when they are created.
    /// </summary>
    public const string PiiRevealer = "PiiRevealer";

    /// <summary>Every work role, in the order the console lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Reviewer, Operator, Admin];

    /// <summary>Every role an account or API key can hold: the work roles and the <see cref="PiiRevealer"/> grant.</summary>
    public static IReadOnlyList<string> Assignable { get; } = [.. All, PiiRevealer];

    /// <summary>The role spelled as we spell it, or null for an unknown name (case-insensitive).</summary>
    public static string? Normalize(string? role) =>
        Assignable.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}
