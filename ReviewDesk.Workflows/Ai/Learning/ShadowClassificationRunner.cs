using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>
/// Shadow mode: the provider named by <see cref="LearningOptions.ShadowProvider"/>, and every model version marked
/// <see cref="ModelVersionRecord.Shadow"/>, classify live tickets (their redacted text, once scrubbed) without acting: what they
/// say goes to <c>ShadowClassifications</c> only, never to the ticket or its workflow, and the model page compares it with the
/// reviewers' decisions. The scheduler runs it every check; each run takes at most <see cref="BatchSize"/> tickets per shadow,
/// newest first, that the shadow has not classified yet. Several nodes may run it: a ticket is recorded once per shadow.
/// </summary>
public sealed class ShadowClassificationRunner(
    IDbContextFactory<TriageDbContext> contexts,
    WorkflowRuntime runtime,
    ITicketClassifierFactory classifiers,
    TimeProvider time,
    IOptions<LearningOptions> options,
    ILogger<ShadowClassificationRunner> logger)
{
    /// <summary>Most tickets one shadow classifies per run (an LLM shadow is paid per ticket).</summary>
    public const int BatchSize = 20;

    private const string InsertSql = """
        INSERT INTO "ShadowClassifications" ("TicketId", "Shadow", "Category", "Priority", "Confidence", "At")
        VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT ("TicketId", "Shadow") DO NOTHING
        """;

    /// <summary>Classifies up to <see cref="BatchSize"/> new live tickets with each shadow; returns how many classifications it recorded.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var recorded = 0;
        if (options.Value.ShadowProvider is { Length: > 0 } provider && classifiers.IsConfigured(provider))
        {
            var classifier = classifiers.Get(provider);
            recorded += await RunAsync(ModelVersions.ProviderShadow(provider),
                async (ticket, ct) => (await classifier.ClassifyAsync(ticket, ct)).Classification, cancellationToken);
        }

        List<int> versions;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            versions = await db.ModelVersions.AsNoTracking().Where(v => v.Shadow).Select(v => v.Number).ToListAsync(cancellationToken);
        }

        foreach (var number in versions)
        {
            ModelVersionRecord row;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                row = await db.ModelVersions.AsNoTracking().SingleAsync(v => v.Number == number, cancellationToken);
            }

            using var model = StoredModel.Load(row.ModelData, row.Metadata);
            recorded += await RunAsync(ModelVersions.VersionShadow(row.Version),
                (ticket, _) => Task.FromResult(StoredModel.Classify(model, ticket, AiOptions.LocalProviderName, row.Version)), cancellationToken);
        }

        return recorded;
    }

    private async Task<int> RunAsync(string shadow, Func<TicketText, CancellationToken, Task<Classification>> classify, CancellationToken cancellationToken)
    {
        List<(string Id, string Subject, string Body)> tickets;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var rows = await db.Tickets.AsNoTracking()
                .Where(t => t.Subject != null && t.Body != null && !db.ShadowClassifications.Any(s => s.TicketId == t.Id && s.Shadow == shadow))
                .OrderByDescending(t => t.CreatedAt).Take(BatchSize)
                .Select(t => new { t.Id, t.Subject, t.Body }).ToListAsync(cancellationToken);
            tickets = [.. rows.Select(r => (r.Id, r.Subject!, r.Body!))];
        }

        var results = new List<(string TicketId, Classification Classification)>(tickets.Count);
        foreach (var (id, subject, body) in tickets)
        {
            try
            {
                results.Add((id, await classify(new TicketText(subject, body), cancellationToken)));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A shadow never acts, so its failure is only logged; the ticket is tried again next run.
                logger.LogWarning(ex, "Shadow {Shadow} could not classify ticket {TicketId}", shadow, id);
            }
        }

        if (results.Count == 0) return 0;
        var at = time.GetUtcNow().ToUnixTimeMilliseconds();
        await runtime.WriteAsync(tx =>
        {
            foreach (var (ticketId, c) in results) tx.Execute(InsertSql, ticketId, shadow, c.Category, c.Priority, c.Confidence, at);
        }, cancellationToken);
        return results.Count;
    }
}
