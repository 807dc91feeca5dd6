using System.Text.Json;

namespace ReviewDesk.Tests.Web;

public sealed class RuntimeConfigTests
{
    [Fact]
    public void TheWebAppsRuntimeConfig_PromotesHotMethodsWithoutTheTieringDelay()
    {
        // The SDK copies a referenced app's runtimeconfig.json beside the tests; `dotnet ReviewDesk.Web.dll` reads the same file.
        var path = Path.Combine(AppContext.BaseDirectory, "ReviewDesk.Web.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));

        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.Equal(0, properties.GetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs").GetInt32());
        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
    }
}
