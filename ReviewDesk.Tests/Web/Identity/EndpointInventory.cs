using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Web.Identity;

namespace ReviewDesk.Tests.Web.Identity;

/// <summary>The app's own endpoint list (EndpointDataSource), each with the authorisation it declares.</summary>
public static class EndpointInventory
{
    /// <summary>What an endpoint requires: <see cref="Anonymous"/>, <see cref="ReviewDeskPolicies.Authenticated"/> (also the fallback, when it names nothing) or a policy name.</summary>
    public const string Anonymous = "Anonymous";

    public static IReadOnlyList<EndpointEntry> Read(IServiceProvider services)
    {
        var entries = new List<EndpointEntry>();
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } declared ? declared : ["*"];
            var isStaticAsset = endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor");
            foreach (var method in methods) entries.Add(new EndpointEntry($"{method} {pattern}", Requirement(endpoint), isStaticAsset));
        }

        return [.. entries.DistinctBy(e => e.Key).OrderBy(e => e.Key, StringComparer.Ordinal)];
    }

    private static string Requirement(Endpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null) return Anonymous;
        var data = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        var policies = data.Select(d => d.Policy).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        Assert.True(data.All(d => string.IsNullOrEmpty(d.Roles)), $"{endpoint.DisplayName} names roles: name a ReviewDeskPolicies policy instead");
        // A group's policy and an endpoint's own both apply: the narrowest one decides, so name it.
        if (policies.Count == 0) return ReviewDeskPolicies.Authenticated;
        foreach (var narrow in new[] { ReviewDeskPolicies.Administer, ReviewDeskPolicies.Review, ReviewDeskPolicies.Operate, ReviewDeskPolicies.AnyRole })
        {
            if (policies.Contains(narrow)) return string.Join('+', policies.Order(StringComparer.Ordinal));
        }

        return string.Join('+', policies.Order(StringComparer.Ordinal));
    }
}
