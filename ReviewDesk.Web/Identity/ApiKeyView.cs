namespace ReviewDesk.Web.Identity;

/// <summary>An API key as the console and the authentication handler see it (never the key itself).</summary>
public sealed record ApiKeyView(
    long Id,
    string Name,
    string Prefix,
    IReadOnlyList<string> Roles,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? RevokedAt,
    string? RevokedBy)
{
    public bool IsActive => RevokedAt is null;

    /// <summary>The name requests made with this key act under, e.g. <c>apikey:ci</c>.</summary>
    public string PrincipalName => ApiKeyService.PrincipalPrefix + Name;

    internal static ApiKeyView From(ApiKeyRecord record) => new(
        record.Id,
        record.Name,
        record.Prefix,
        record.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        record.CreatedAt,
        record.CreatedBy,
        record.RevokedAt,
        record.RevokedBy);
}
