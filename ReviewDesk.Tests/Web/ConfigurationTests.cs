using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Web.Hosting;

namespace ReviewDesk.Tests.Web;

[Collection(nameof(EnvironmentVariableCollection))]
public sealed class ConfigurationTests
{
    private const string DataDirectoryVariable = "Database__DataDirectory";

    [Fact]
    public async Task Configuration_DefaultHost_LoadsRootAppSettings()
    {
        await using var factory = new ReviewDeskWebFactory();

        var configuration = factory.Services.GetRequiredService<IConfiguration>();

        // DataDirectory has no default in code: it can only come from the root appsettings.json.
        Assert.Equal("data", configuration["Database:DataDirectory"]);
        Assert.Equal("Sqlite", configuration["Database:Provider"]);
        Assert.Equal("Sqlite", factory.Services.GetRequiredService<SystemInfo>().DatabaseProvider);
    }

    [Fact]
    public async Task Configuration_NoFileIsWatched_SoCommitsUnderTheContentRootWakeNothing()
    {
        await using var factory = new ReviewDeskWebFactory();

        var configuration = (IConfigurationRoot)factory.Services.GetRequiredService<IConfiguration>();
        var files = configuration.Providers.OfType<Microsoft.Extensions.Configuration.FileConfigurationProvider>().ToList();

        // appsettings.json of the content root and of the build output, and the repository's top-level one.
        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.False(file.Source.ReloadOnChange, $"{file} is reloaded on change"));
    }

    [Fact]
    public async Task Configuration_EnvironmentVariable_OverridesRootAppSettings()
    {
        Environment.SetEnvironmentVariable(DataDirectoryVariable, "/var/lib/reviewdesk");
        try
        {
            await using var factory = new ReviewDeskWebFactory();

            var configuration = factory.Services.GetRequiredService<IConfiguration>();

            Assert.Equal("/var/lib/reviewdesk", configuration["Database:DataDirectory"]);
            Assert.Equal("Sqlite", configuration["Database:Provider"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataDirectoryVariable, null);
        }
    }
}
