using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using ReviewDesk.Web.Identity;

namespace ReviewDesk.Tests.Web.Identity;

/// <summary>API keys end to end: created (shown once, stored hashed), used, scoped to roles, revoked.</summary>
public sealed class ApiKeyLifecycleTests : IAsyncLifetime
{
    private readonly ReviewDeskWebFactory _factory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ApiKeyService Keys => _factory.Services.GetRequiredService<ApiKeyService>();

    public ValueTask InitializeAsync()
    {
        _factory.StartServer();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task CreatedKey_WorksWithItsRoles_IsStoredOnlyAsAHash_AndAfterRevocationIs401()
    {
        var created = await Keys.CreateAsync("importer", [ReviewDeskRoles.Operator], "apikey:admin", Ct);
        using var client = _factory.CreateAnonymousClient();
        client.DefaultRequestHeaders.Add(TestApiKeys.Header, created.Secret);

        using var allowed = await client.GetAsync("/api/tickets/tk_none", Ct);
        using var otherRole = await client.GetAsync("/api/reviews", Ct);
        Assert.True(await Keys.RevokeAsync(created.Key.Id, "apikey:admin", Ct));
        using var revoked = await client.GetAsync("/api/tickets/tk_none", Ct);

        Assert.StartsWith("rdk_", created.Secret, StringComparison.Ordinal);
        Assert.True(created.Secret.Length >= 40);
        Assert.Equal("apikey:importer", created.Key.PrincipalName);
        Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherRole.StatusCode);
        Assert.Equal("application/problem+json", otherRole.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("application/problem+json", revoked.Content.Headers.ContentType?.MediaType);

        await using var db = await _factory.Services.GetRequiredService<IDbContextFactory<ReviewDeskIdentityDbContext>>().CreateDbContextAsync(Ct);
        var stored = await db.ApiKeys.SingleAsync(k => k.Id == created.Key.Id, Ct);
        Assert.Equal(ApiKeyService.Hash(created.Secret), stored.KeyHash);
        Assert.DoesNotContain(created.Secret, stored.KeyHash, StringComparison.Ordinal);
        Assert.NotNull(stored.RevokedAt);
        Assert.Equal("apikey:admin", stored.RevokedBy);
        Assert.DoesNotContain(_factory.Logs.Lines, line => line.Contains(created.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownKeyOrTwoKeys_Are401ProblemDetails()
    {
        using var unknown = _factory.CreateAnonymousClient();
        unknown.DefaultRequestHeaders.Add(TestApiKeys.Header, "rdk_this_key_was_never_issued_000");
        using var two = _factory.CreateAnonymousClient();
        two.DefaultRequestHeaders.Add(TestApiKeys.Header, [TestApiKeys.For("alice"), TestApiKeys.For("bob")]);

        using var unknownResponse = await unknown.PostAsJsonAsync("/api/tickets", new { subject = "s", body = "b" }, Ct);
        using var twoResponse = await two.GetAsync("/api/reviews", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, unknownResponse.StatusCode);
        Assert.Equal("application/problem+json", unknownResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, twoResponse.StatusCode);
    }

    [Fact]
    public async Task BootstrapKey_HasEveryRole_AndANewConfiguredKeyReplacesIt()
    {
        var bootstrap = Assert.Single(await Keys.ListAsync(Ct), k => k.Name == "bootstrap" && k.IsActive);
        Assert.Equal(ReviewDeskRoles.All.Order(StringComparer.Ordinal), bootstrap.Roles.Order(StringComparer.Ordinal));
        Assert.Equal("(configured)", bootstrap.Prefix);

        await Keys.EnsureAsync("bootstrap", "rdk_test_rotated_bootstrap_key_0000", ReviewDeskRoles.All, "configuration", Ct);
        using var old = await _factory.CreateClient().GetAsync("/api/reviews", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Single(await Keys.ListAsync(Ct), k => k.Name == "bootstrap" && k.IsActive);
    }

    [Theory]
    [InlineData("", "Reviewer", "name")]
    [InlineData("has space", "Reviewer", "name")]
    [InlineData("ci", "", "roles")]
    [InlineData("ci", "Superuser", "roles")]
    public void Validate_BadNameOrRoles_NamesTheField(string name, string role, string field)
    {
        var errors = ApiKeyService.Validate(name, role.Length == 0 ? [] : [role]);

        Assert.Equal(field, Assert.Single(errors).Key);
    }

    [Fact]
    public async Task CreateAsync_ActiveNameTaken_Throws()
    {
        await Keys.CreateAsync("ci", [ReviewDeskRoles.Reviewer], "apikey:admin", Ct);

        await Assert.ThrowsAsync<ArgumentException>(() => Keys.CreateAsync("ci", [ReviewDeskRoles.Reviewer], "apikey:admin", Ct));
    }
}
