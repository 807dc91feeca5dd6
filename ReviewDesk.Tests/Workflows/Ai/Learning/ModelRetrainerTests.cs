using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Tests.Support;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Ai.Learning;
using ReviewDesk.Workflows.Audit;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Tests.Workflows.Ai.Learning;

/// <summary>
/// Learning from reviewers on a real SQLite file with the real local model. "Zephyr sync" is a product the shipped training
/// tickets never mention: it is the carrier integration, so its tickets belong to shipping, but they read like technical
/// trouble (errors, crashes, updates), and the base model calls them technical issues. Reviewers correct them to shipping.
/// </summary>
public sealed class ModelRetrainerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int HeldOutPercent = 25;
    private readonly TestDatabase _database = new();
    private TriageHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _host = await TriageHost.StartAsync(_database, aiEndpoint: null, services: s => s.Configure<LearningOptions>(o =>
        {
            o.Background = false;
            o.HeldOutPercent = HeldOutPercent;
        }));

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task RetrainAsync_ReviewersCorrectANewProductsCategory_HeldOutAccuracyRises_PromotesAndRollsBack()
    {
        var examples = ZephyrCorrections().ToList();
        await InsertAsync(examples);
        var heldOut = examples.Where(e => HeldOutSlice.Contains(e.TicketId, HeldOutPercent)).ToList();
        Assert.InRange(heldOut.Count, 5, examples.Count - 20);
        var retrainer = _host.Services.GetRequiredService<ModelRetrainer>();
        var local = _host.Services.GetRequiredService<ITicketClassifierFactory>().Get(AiOptions.LocalProviderName);

        var measuredBefore = await HeldOutAccuracyAsync(local, heldOut, ModelVersions.Base);
        var result = await retrainer.RetrainAsync("admin@example.test", RetrainTriggers.OnDemand, Ct);
        var measuredAfter = await HeldOutAccuracyAsync(local, heldOut, "v1");

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"held-out Zephyr sync corrections: {heldOut.Count}; category accuracy before (base) {measuredBefore:0.000}, after (v1) {measuredAfter:0.000}; retrainer's own figures {result.Version?.BaselineAccuracy:0.000} -> {result.Version?.Accuracy:0.000}, macro-F1 {result.Version?.BaselineMacroF1:0.000} -> {result.Version?.MacroF1:0.000}"));
        Assert.Equal(RetrainOutcome.Promoted, result.Outcome);
        Assert.True(measuredBefore < measuredAfter, $"accuracy on held-out corrections should rise: before {measuredBefore}, after {measuredAfter}");
        Assert.Equal((measuredBefore, measuredAfter), (result.Version!.BaselineAccuracy, result.Version.Accuracy));
        Assert.Equal(("v1", ModelVersions.Base, heldOut.Count, examples.Count - heldOut.Count), (result.Version.Version, result.Version.BaselineVersion, result.Version.HeldOutTickets, result.Version.ReviewerExamples));
        Assert.Equal(ModelVersionStatus.Active, (await retrainer.ListAsync(Ct)).Single().Status);

        var rollback = await retrainer.PromoteAsync(ModelVersions.Base, "admin@example.test", Ct);

        Assert.Equal(new PromoteResult(PromoteOutcome.Activated, ModelVersions.Base, "v1"), rollback);
        Assert.Equal(measuredBefore, await HeldOutAccuracyAsync(local, heldOut, ModelVersions.Base));
        Assert.Equal(ModelVersionStatus.Retired, (await retrainer.ListAsync(Ct)).Single().Status);

        // Any version can be made active again, and classifications name it.
        Assert.Equal(PromoteOutcome.Activated, (await retrainer.PromoteAsync("v1", "admin@example.test", Ct)).Outcome);
        Assert.Equal(measuredAfter, await HeldOutAccuracyAsync(local, heldOut, "v1"));
        Assert.Equal(PromoteOutcome.AlreadyActive, (await retrainer.PromoteAsync("v1", "admin@example.test", Ct)).Outcome);
        Assert.Equal(PromoteOutcome.NotFound, (await retrainer.PromoteAsync("v9", "admin@example.test", Ct)).Outcome);

        var audit = _host.Services.GetRequiredService<AuditLog>();
        var entries = (await audit.QueryAsync(new AuditQuery { Actor = "admin@example.test", PageSize = 10 }, Ct)).Items;
        Assert.Equal(
            [(AuditActions.PromoteModel, "model:v1"), (AuditActions.RollbackModel, "model:base"), (AuditActions.PromoteModel, "model:v1")],
            entries.Reverse().Select(e => (e.Action, e.Target)).ToList());
        var evaluation = await retrainer.GetEvaluationAsync("v1", Ct);
        Assert.Equal(heldOut.Select(e => e.TicketId).Order(), evaluation!.Select(p => p.TicketId).Order());
    }

    [Fact]
    public async Task RetrainAsync_AnotherNodeHoldsTheLease_ReturnsBusyAndStoresNothing()
    {
        await InsertAsync(ZephyrCorrections().Take(5));
        await using (var connection = await _database.OpenAsync(Ct))
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""INSERT INTO "LearningLeases" ("Name", "Owner", "ExpiresAt") VALUES ('{ModelRetrainer.RetrainLeaseName}', 'other-node', {DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeMilliseconds()})""";
            await command.ExecuteNonQueryAsync(Ct);
        }

        var retrainer = _host.Services.GetRequiredService<ModelRetrainer>();
        var result = await retrainer.RetrainAsync("admin@example.test", RetrainTriggers.OnDemand, Ct);

        Assert.Equal(new RetrainResult(RetrainOutcome.Busy, null), result);
        Assert.Empty(await retrainer.ListAsync(Ct));
    }

    [Fact]
    public async Task DueTriggerAsync_CountsNewLabelsAgainstTheThreshold()
    {
        var retrainer = _host.Services.GetRequiredService<ModelRetrainer>();
        Assert.Null(await retrainer.DueTriggerAsync(Ct));
        await InsertAsync(ZephyrCorrections().Take(49));
        Assert.Null(await retrainer.DueTriggerAsync(Ct));
        await InsertAsync(ZephyrCorrections().Skip(49).Take(1));
        Assert.Equal(RetrainTriggers.Labels, await retrainer.DueTriggerAsync(Ct));
    }

    private async Task<double> HeldOutAccuracyAsync(ITicketClassifier local, IReadOnlyList<LabelledExampleRecord> heldOut, string expectedVersion)
    {
        var correct = 0;
        foreach (var example in heldOut)
        {
            var classification = (await local.ClassifyAsync(new TicketText(example.Subject, example.Body), Ct)).Classification;
            Assert.Equal(expectedVersion, classification.ModelVersion);
            if (classification.Category == example.Category) correct++;
        }

        return correct / (double)heldOut.Count;
    }

    private async Task InsertAsync(IEnumerable<LabelledExampleRecord> examples)
    {
        var contexts = _host.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Ct);
        db.LabelledExamples.AddRange(examples);
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>Reviewers' corrections of Zephyr sync tickets: the AI said technical issue, the reviewer said shipping.</summary>
    private static IEnumerable<LabelledExampleRecord> ZephyrCorrections()
    {
        string[] subjects = ["Zephyr sync error", "Zephyr sync not working", "Problem with Zephyr sync", "Zephyr sync stopped", "Zephyr sync broken again", "Zephyr sync crash", "Zephyr sync failing", "Help with Zephyr sync"];
        string[] bodies =
        [
            "Zephyr sync shows an error since this morning and nothing goes through.",
            "After the last update Zephyr sync crashes as soon as I open it.",
            "Zephyr sync keeps spinning and never finishes, we restarted twice.",
            "The Zephyr sync page throws error 500 when I press the button.",
            "Zephyr sync stopped running overnight, no error message at all.",
            "Zephyr sync is extremely slow today, it times out after a minute.",
            "We get a red banner in Zephyr sync saying the connection failed.",
        ];
        var n = 0;
        foreach (var body in bodies)
        {
            foreach (var subject in subjects)
            {
                n++;
                yield return new LabelledExampleRecord
                {
                    TicketId = string.Create(CultureInfo.InvariantCulture, $"zephyr-{n:000}"),
                    Subject = subject,
                    Body = body,
                    Category = "shipping",
                    Priority = "P3",
                    Sentiment = "negative",
                    Language = "en",
                    Reviewer = "reviewer@example.test",
                    AiCategory = "technical_issue",
                    AiPriority = "P3",
                    AiConfidence = 0.7,
                    CategoryCorrect = false,
                    PriorityCorrect = true,
                    Provider = "local",
                    ModelVersion = ModelVersions.Base,
                    DecidedAt = DateTimeOffset.UtcNow,
                };
            }
        }
    }
}
