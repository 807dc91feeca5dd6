using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Tests.Workflows.Ai;
using ReviewDesk.Workflows.Ai;

namespace ReviewDesk.Tests.Support;

/// <summary>A test class's triage host over a real SQLite file, with a scripted OpenAI-compatible server as its LLM.</summary>
public abstract class TriageTestBase(TimeProvider? time = null, ILocalClassifierSource? local = null, bool auditSample = true, Action<IServiceCollection>? services = null, bool shippedCascade = false) : IAsyncLifetime
{
    protected TestDatabase Database { get; } = new();

    protected ScriptedOpenAiServer Server { get; private set; } = null!;

    protected TriageHost Host { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Server = await ScriptedOpenAiServer.StartAsync(Ct);
        Host = await TriageHost.StartAsync(Database, Server.Endpoint, time, local, auditSample, services, shippedCascade);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Server.DisposeAsync();
        Database.Dispose();
        GC.SuppressFinalize(this);
    }
}
