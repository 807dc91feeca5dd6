namespace ReviewDesk.Web.Identity;

/// <summary>A new API key: <see cref="Secret"/> is shown once and never stored.</summary>
public sealed record CreatedApiKey(ApiKeyView Key, string Secret);
