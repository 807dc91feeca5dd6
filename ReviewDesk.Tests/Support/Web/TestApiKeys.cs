using Microsoft.Extensions.Hosting;
using ReviewDesk.Web.Identity;

namespace ReviewDesk.Tests.Support.Web;

/// <summary>
/// The API keys every test host provisions at start, one per named test principal, so each name
/// (alice, bob, admin...) is a distinct authenticated caller: <c>apikey:{name}</c>. "admin" is an
/// Admin, "operator" an Operator, every other name a Reviewer. <see cref="ReviewDeskWebFactory.BootstrapApiKey"/> has every role.
/// </summary>
public static class TestApiKeys
{
    public const string Header = ApiKeyAuthenticationHandler.HeaderName;

    public static IReadOnlyDictionary<string, string[]> Principals { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["admin"] = [ReviewDeskRoles.Admin],
        ["operator"] = [ReviewDeskRoles.Operator],
        ["reviewer"] = [ReviewDeskRoles.Reviewer],
        ["alice"] = [ReviewDeskRoles.Reviewer],
        ["bob"] = [ReviewDeskRoles.Reviewer],
        ["carol"] = [ReviewDeskRoles.Reviewer],
        ["dave"] = [ReviewDeskRoles.Reviewer],
    };

    /// <summary>The key of a test principal (see <see cref="Principals"/>).</summary>
    public static string For(string name) => Principals.ContainsKey(name)
        ? $"rdk_test_{name}_0123456789abcdef"
        : throw new ArgumentException($"No test API key for '{name}': add it to TestApiKeys.Principals.", nameof(name));

    /// <summary>The test principal named after a role: admin, operator or reviewer.</summary>
    public static string ForRole(string role) => For(role.ToLowerInvariant());

    /// <summary>The name requests with <see cref="For"/>(name) act under.</summary>
    public static string PrincipalName(string name) => ApiKeyService.PrincipalPrefix + name;

    /// <summary>Registered by <see cref="ReviewDeskWebFactory"/>: runs after the app's own start-up (migrations, bootstrap).</summary>
    internal sealed class Provisioner(ApiKeyService keys) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            foreach (var (name, roles) in Principals) await keys.EnsureAsync(name, For(name), roles, "tests", cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
