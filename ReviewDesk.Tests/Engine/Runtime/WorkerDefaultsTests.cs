using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine;
using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Tests.Engine.Runtime;

public sealed class WorkerDefaultsTests
{
    [Theory]
    [InlineData("Sqlite", null, WorkerOptions.SqliteMaxConcurrency)]
    [InlineData("Postgres", null, WorkerOptions.PostgresMaxConcurrency)]
    [InlineData("Sqlite", "8", 8)]
    [InlineData("Postgres", "96", 96)]
    public void MaxConcurrency_DefaultsByProvider_AndAConfiguredValueWins(string provider, string? configured, int expected)
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Workflows:Worker:MaxConcurrency"] = configured,
        }).Build();
        using var services = new ServiceCollection().AddWorkflowEngine(configuration).BuildServiceProvider();

        // Act
        var worker = services.GetRequiredService<IOptions<WorkflowRuntimeOptions>>().Value.Worker;

        // Assert
        Assert.Equal(expected, worker.MaxConcurrency);
    }
}
