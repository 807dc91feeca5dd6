using ReviewDesk.Workflows.Ai;

namespace ReviewDesk.Tests.Support;

/// <summary>
/// A stand-in local model for API tests (the real one is tested on its own): the category comes
/// from a keyword, and a body that says "not sure" gets a low confidence.
/// </summary>
public sealed class KeywordClassifierSource : ILocalClassifierSource
{
    public int Calls;

    public ITicketClassifier Create(string providerName, AiProviderOptions options) => new Classifier(this, providerName);

    private sealed class Classifier(KeywordClassifierSource source, string provider) : ITicketClassifier
    {
        public Task<ClassificationResult> ClassifyAsync(TicketText ticket, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref source.Calls);
            var text = (ticket.Subject + " " + ticket.Body).ToLowerInvariant();
            var category = TicketLabels.Categories.FirstOrDefault(c => text.Contains(c.Replace('_', ' '), StringComparison.Ordinal)) ?? "general_inquiry";
            var confidence = text.Contains("not sure", StringComparison.Ordinal) ? 0.42 : 0.93;
            return Task.FromResult(new ClassificationResult(
                new Classification(category, "P3", "en", "neutral", confidence, $"mentions {category}", provider, "keywords"), null));
        }
    }
}
