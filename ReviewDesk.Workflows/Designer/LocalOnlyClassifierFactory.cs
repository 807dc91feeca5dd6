using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Triage.Activities;

namespace ReviewDesk.Workflows.Designer;

/// <summary>The host's local classifier under every provider name: a test run never calls (or pays) a remote model.</summary>
internal sealed class LocalOnlyClassifierFactory(ITicketClassifierFactory host) : ITicketClassifierFactory
{
    public ITicketClassifier Get(string? providerName) => host.Get(ClassifyActivity.LocalProvider);

    public bool IsConfigured(string providerName) => string.Equals(providerName, ClassifyActivity.LocalProvider, StringComparison.OrdinalIgnoreCase);
}
