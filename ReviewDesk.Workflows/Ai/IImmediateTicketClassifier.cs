using System.Diagnostics.CodeAnalysis;

namespace ReviewDesk.Workflows.Ai;

/// <summary>
/// A classifier that can answer from memory at once: no I/O, no waiting, microseconds of CPU (the local model once it
/// is loaded). Classify uses it to run inline, in the step that scrubbed the ticket, instead of as a step of its own.
/// </summary>
public interface IImmediateTicketClassifier : ITicketClassifier
{
    /// <summary>
    /// The same answer <see cref="ITicketClassifier.ClassifyAsync"/> would give, at once; false, with nothing done,
    /// when it cannot answer without waiting (the model is still loading or training, or must be read first).
    /// </summary>
    bool TryClassify(TicketText ticket, [NotNullWhen(true)] out ClassificationResult? result);
}
