using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace ReviewDesk.Web.Hosting;

/// <summary>
/// Adds the repository-root appsettings.json, which the build copies next to the assembly, to the
/// configuration. The host's defaults only look in the content root, which is the repository root,
/// the project folder or (under WebApplicationFactory) the project's source folder depending on how
/// the app was started.
/// </summary>
internal static class ApplicationSettingsSource
{
    public const string FileName = "appsettings.json";

    /// <summary>
    /// Inserts <paramref name="directory"/>/appsettings.json just below the content root's
    /// appsettings.json, so the standard order still holds: appsettings.json, appsettings.{Environment}.json,
    /// user secrets, environment variables, command line, each overriding the one before.
    /// </summary>
    public static void AddBelowContentRootSettings(IConfigurationBuilder configuration, string directory)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var source = new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(directory),
            Path = FileName,
            // The build always copies the file: if it is missing the build output is broken, and
            // starting with silent defaults would hide that.
            Optional = false,
            ReloadOnChange = false,
        };
        configuration.Sources.Insert(InsertionIndex(configuration.Sources), source);
    }

    private static int InsertionIndex(IList<IConfigurationSource> sources)
    {
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: FileName })
            {
                return i;
            }
        }

        // Without the host defaults: stay below the unprefixed environment variables, or go last.
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is EnvironmentVariablesConfigurationSource { Prefix: null or "" })
            {
                return i;
            }
        }

        return sources.Count;
    }
}
