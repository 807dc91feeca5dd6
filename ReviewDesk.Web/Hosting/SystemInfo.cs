using System.Reflection;

namespace ReviewDesk.Web.Hosting;

/// <summary>What the home page's System card shows about the running instance.</summary>
public sealed record SystemInfo(string EnvironmentName, string DatabaseProvider, string Version)
{
    public const string DatabaseProviderKey = "Database:Provider";
    public const string DefaultDatabaseProvider = "Sqlite";

    public static SystemInfo From(IHostEnvironment environment, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(configuration);

        var provider = configuration[DatabaseProviderKey];
        return new SystemInfo(
            environment.EnvironmentName,
            string.IsNullOrWhiteSpace(provider) ? DefaultDatabaseProvider : provider,
            FormatVersion(typeof(SystemInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion));
    }

    /// <summary>Turns "0.1.0+0123456789abcdef…" (version + source revision) into "0.1.0 (0123456)".</summary>
    public static string FormatVersion(string? informationalVersion)
    {
        if (string.IsNullOrWhiteSpace(informationalVersion))
        {
            return "unknown";
        }

        var plus = informationalVersion.IndexOf('+', StringComparison.Ordinal);
        if (plus < 0)
        {
            return informationalVersion;
        }

        var revision = informationalVersion[(plus + 1)..];
        return revision.Length == 0
            ? informationalVersion[..plus]
            : $"{informationalVersion[..plus]} ({revision[..Math.Min(7, revision.Length)]})";
    }
}
