using Microsoft.AspNetCore.Builder;
using ReviewDesk.Web.Hosting;

namespace ReviewDesk.Tests.Web.Hosting;

public sealed class ApplicationSettingsSourceTests : IDisposable
{
    private readonly string _baseDirectory = Directory.CreateTempSubdirectory("reviewdesk-base-").FullName;
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("reviewdesk-content-").FullName;

    public ApplicationSettingsSourceTests() =>
        WriteSettings(_baseDirectory, "appsettings.json", """{ "Database": { "Provider": "FromBaseDirectory", "DataDirectory": "base-data" } }""");

    [Fact]
    public void AddBelowContentRootSettings_OnlyBaseDirectoryFile_LoadsIt()
    {
        var builder = CreateBuilder();

        ApplicationSettingsSource.AddBelowContentRootSettings(builder.Configuration, _baseDirectory);

        Assert.Equal("FromBaseDirectory", builder.Configuration["Database:Provider"]);
    }

    [Fact]
    public void AddBelowContentRootSettings_ContentRootFiles_OverrideBaseDirectoryFile()
    {
        WriteSettings(_contentRoot, "appsettings.json", """{ "Database": { "Provider": "FromContentRoot" } }""");
        WriteSettings(_contentRoot, "appsettings.Staging.json", """{ "Database": { "DataDirectory": "staging-data" } }""");
        var builder = CreateBuilder("--environment=Staging");

        ApplicationSettingsSource.AddBelowContentRootSettings(builder.Configuration, _baseDirectory);

        Assert.Equal("FromContentRoot", builder.Configuration["Database:Provider"]);
        Assert.Equal("staging-data", builder.Configuration["Database:DataDirectory"]);
    }

    [Fact]
    public void AddBelowContentRootSettings_CommandLineArgument_Wins()
    {
        var builder = CreateBuilder("--Database:Provider=FromCommandLine");

        ApplicationSettingsSource.AddBelowContentRootSettings(builder.Configuration, _baseDirectory);

        Assert.Equal("FromCommandLine", builder.Configuration["Database:Provider"]);
        Assert.Equal("base-data", builder.Configuration["Database:DataDirectory"]);
    }

    [Fact]
    public void AddBelowContentRootSettings_MissingFile_Throws()
    {
        var builder = CreateBuilder();
        var empty = Directory.CreateTempSubdirectory("reviewdesk-empty-").FullName;

        try
        {
            Assert.Throws<FileNotFoundException>(() =>
                ApplicationSettingsSource.AddBelowContentRootSettings(builder.Configuration, empty));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    public void Dispose()
    {
        Directory.Delete(_baseDirectory, recursive: true);
        Directory.Delete(_contentRoot, recursive: true);
    }

    private WebApplicationBuilder CreateBuilder(params string[] args) =>
        WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = _contentRoot });

    private static void WriteSettings(string directory, string fileName, string json) =>
        File.WriteAllText(Path.Combine(directory, fileName), json);
}
