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

    /// <summary>Every role, in the order the console lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Reviewer, Operator, Admin];

    /// <summary>The role spelled as we spell it, or null for an unknown name (case-insensitive).</summary>
    public static string? Normalize(string? role) =>
        All.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}
