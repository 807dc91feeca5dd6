namespace ReviewDesk.Web.Identity;

/// <summary>An API key as stored: its SHA-256 hash, never the key itself.</summary>
public sealed class ApiKeyRecord
{
    public long Id { get; set; }

    /// <summary>Unique among active keys; the principal's name is <c>apikey:{Name}</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>Lower-case hex SHA-256 of the key.</summary>
    public string KeyHash { get; set; } = "";

    /// <summary>The key's first characters, so a person can tell keys apart (not enough to guess it).</summary>
    public string Prefix { get; set; } = "";

    /// <summary>Comma-separated roles.</summary>
    public string Roles { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }
}
