namespace ReviewDesk.Tests.Web.Identity;

/// <summary>One method and route of the app (<c>GET /api/tickets/{id}</c>) and the policy it requires.</summary>
public sealed record EndpointEntry(string Key, string Requirement, bool IsStaticAsset);
