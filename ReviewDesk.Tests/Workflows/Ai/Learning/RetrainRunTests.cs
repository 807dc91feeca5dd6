using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewDesk.Tests.Support;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Ai.Learning;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Tests.Workflows.Ai.Learning;

/// <summary>
/// Issue 12 (learning loose ends): a retrain runs in the background as a recorded run, and its one-at-a-time lease is short
/// and renewed while it runs. The clock is a <see cref="FakeTimeProvider"/>, and the model in use is a stand-in that holds
/// the run inside its evaluation until the test lets it go, so the run is alive exactly as long as the test says.
/// </summary>
public sealed class RetrainRunTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    // The candidate trains for real (ML.NET on the 1,157 shipped tickets): seconds when idle, over 30 s on a busy machine.
    private static readonly TimeSpan TrainingTimeout = TimeSpan.FromMinutes(3);
    private readonly TestDatabase _database = new();
    // Whole milliseconds, as the lease's expiry is stored.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
    private readonly GatedClassifierSource _model = new();
    private TriageHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _host = await TriageHost.StartAsync(_database, aiEndpoint: null, time: _time, local: _model, services: s => s.Configure<LearningOptions>(o =>
        {
            o.Background = false;
            o.HeldOutPercent = 50;
            o.RetrainLeaseDuration = Lease;
        }));

    public async ValueTask DisposeAsync()
    {
        _model.Release();
        await _host.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task ARunningRetrain_RenewsItsLease_SoAnotherNodeCannotTakeItOver_ThenItEndsWithItsFigures()
    {
        await InsertExamplesAsync(20);
        var retrainer = _host.Services.GetRequiredService<ModelRetrainer>();
        var otherNode = ActivatorUtilities.CreateInstance<ModelRetrainer>(_host.Services);

        var start = await retrainer.StartRetrainAsync("admin@example.test", RetrainTriggers.OnDemand, Ct);
        Assert.True(start.Started);
        Assert.Equal(RetrainStatus.Running, start.Run!.Status);
        await _model.Entered.WaitAsync(Ct);
        var started = _time.GetUtcNow();
        Assert.Equal(started + Lease, await LeaseExpiryAsync());

        // A third of the lease later the run renews it; past the first expiry it is still held, and another node is refused.
        _time.Advance(Lease / 3);
        await Eventually.HoldsAsync(async () => await LeaseExpiryAsync() == started + (Lease / 3) + Lease, "the lease to be renewed");
        _time.Advance(Lease);
        await Eventually.HoldsAsync(async () => await LeaseExpiryAsync() >= started + Lease + Lease, "the lease to be renewed again");
        Assert.Equal(new RetrainStart(RetrainOutcome.Busy, null), await otherNode.StartRetrainAsync("other@example.test", RetrainTriggers.OnDemand, Ct));
        Assert.Equal(RetrainStatus.Running, (await retrainer.GetRunAsync(start.Run.Id, Ct))!.Status);

        _model.Release();
        var ended = await Eventually.GetAsync(() => retrainer.GetRunAsync(start.Run.Id, Ct), r => r!.Finished, "the run to end", TrainingTimeout);

        Assert.Contains(ended!.Status, new[] { RetrainStatus.Promoted, RetrainStatus.Rejected });
        Assert.Equal("v1", ended.Version!.Version);
        Assert.Equal(10, ended.Version.HeldOutTickets);
        Assert.Null(ended.Error);
        Assert.NotNull(ended.FinishedAt);
        await Eventually.HoldsAsync(async () => await LeaseExpiryAsync() is null, "the lease to be given back");
    }

    [Fact]
    public async Task ALapsedLeaseOfADeadNode_IsTakenOver()
    {
        await InsertExamplesAsync(20);
        await InsertLeaseAsync("dead-node", _time.GetUtcNow() - TimeSpan.FromSeconds(1));
        var retrainer = _host.Services.GetRequiredService<ModelRetrainer>();

        var start = await retrainer.StartRetrainAsync("admin@example.test", RetrainTriggers.OnDemand, Ct);

        Assert.True(start.Started);
        Assert.Equal(_time.GetUtcNow() + Lease, await LeaseExpiryAsync());
        _model.Release();
        await Eventually.GetAsync(() => retrainer.GetRunAsync(start.Run!.Id, Ct), r => r!.Finished, "the run to end", TrainingTimeout);
    }

    [Fact]
    public async Task ALiveLeaseOfAnotherNode_IsNotTakenOver_AndNoRunIsRecorded()
    {
        await InsertExamplesAsync(20);
        await InsertLeaseAsync("live-node", _time.GetUtcNow() + TimeSpan.FromSeconds(1));
        var retrainer = _host.Services.GetRequiredService<ModelRetrainer>();

        var start = await retrainer.StartRetrainAsync("admin@example.test", RetrainTriggers.OnDemand, Ct);

        Assert.Equal(new RetrainStart(RetrainOutcome.Busy, null), start);
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        Assert.Empty(await db.RetrainRuns.ToListAsync(Ct));
        Assert.Equal("live-node", (await db.LearningLeases.SingleAsync(Ct)).Owner);
    }

    [Fact]
    public async Task ARunWhoseNodeDied_ReadsAsFailed_OnceItsLeaseLapsed()
    {
        var now = _time.GetUtcNow();
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.RetrainRuns.Add(new RetrainRunRecord
            {
                Id = "rt_dead", RequestedBy = "admin@example.test", Trigger = RetrainTriggers.OnDemand, Owner = "dead-node", Status = RetrainStatus.Running, StartedAt = now,
            });
            await db.SaveChangesAsync(Ct);
        }

        await InsertLeaseAsync("dead-node", now + TimeSpan.FromSeconds(10));
        var retrainer = _host.Services.GetRequiredService<ModelRetrainer>();
        Assert.Equal(RetrainStatus.Running, (await retrainer.GetRunAsync("rt_dead", Ct))!.Status);

        _time.Advance(TimeSpan.FromSeconds(11));
        var run = await retrainer.GetRunAsync("rt_dead", Ct);

        Assert.Equal(RetrainStatus.Failed, run!.Status);
        Assert.Contains("lease lapsed", run.Error, StringComparison.Ordinal);
        Assert.Null(await retrainer.GetRunAsync("rt_nope", Ct));
    }

    private IDbContextFactory<TriageDbContext> Contexts => _host.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();

    private async Task<DateTimeOffset?> LeaseExpiryAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        return (await db.LearningLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == ModelRetrainer.RetrainLeaseName, Ct))?.ExpiresAt;
    }

    private async Task InsertLeaseAsync(string owner, DateTimeOffset expiresAt)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        db.LearningLeases.Add(new LearningLeaseRecord { Name = ModelRetrainer.RetrainLeaseName, Owner = owner, ExpiresAt = expiresAt });
        await db.SaveChangesAsync(Ct);
    }

    private async Task InsertExamplesAsync(int count)
    {
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        // Ticket ids chosen so that exactly half fall in the 50% held-out slice.
        var ids = Enumerable.Range(0, 10_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"tk-{i:0000}")).ToList();
        var heldOut = ids.Where(id => HeldOutSlice.Contains(id, 50)).Take(count / 2);
        var learnt = ids.Where(id => !HeldOutSlice.Contains(id, 50)).Take(count - (count / 2));
        db.LabelledExamples.AddRange(heldOut.Concat(learnt).Select(id => new LabelledExampleRecord
        {
            TicketId = id, Subject = "Invoice charged twice", Body = "My card was charged twice for the same invoice this month.",
            Category = "billing", Priority = "P3", Sentiment = "negative", Language = "en", Reviewer = "reviewer@example.test",
            AiCategory = "billing", AiPriority = "P3", AiConfidence = 0.9, CategoryCorrect = true, PriorityCorrect = true, Provider = "local",
            ModelVersion = ModelVersions.Base, DecidedAt = _time.GetUtcNow(),
        }));
        await db.SaveChangesAsync(Ct);
    }

    /// <summary>The model in use: its first answer waits until <see cref="Release"/> (the retrain evaluates it on the held-out slice).</summary>
    private sealed class GatedClassifierSource : ILocalClassifierSource
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public void Release() => _released.TrySetResult();

        public ITicketClassifier Create(string providerName, AiProviderOptions options) => new Classifier(this, providerName);

        private sealed class Classifier(GatedClassifierSource source, string provider) : ITicketClassifier
        {
            public async Task<ClassificationResult> ClassifyAsync(TicketText ticket, CancellationToken cancellationToken)
            {
                source._entered.TrySetResult();
                await source._released.Task.WaitAsync(cancellationToken);
                return new ClassificationResult(new Classification("billing", "P3", "en", "negative", 0.9, "stand-in", provider, "gated"), null);
            }
        }
    }
}
