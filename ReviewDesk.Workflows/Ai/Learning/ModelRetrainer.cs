using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Ai.Local;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>
/// Learns from reviewers. A retrain trains a candidate local model on the shipped training tickets plus the reviewer-labelled
/// examples outside the held-out slice (<see cref="HeldOutSlice"/>), scores it and the model in use on the held-out slice with
/// <see cref="ClassifierEvaluation.Score"/> (the <c>evaluate</c> verb's figures), and stores it as a new version: active when it is
/// not worse (category accuracy and macro-F1 both at least the baseline's), rejected otherwise. Any version, or the base model,
/// can be made active again (<see cref="PromoteAsync"/>). One retrain runs at a time across all nodes (a lease row in
/// <c>LearningLeases</c>); promotions and rollbacks are audited with the person who made them, and other nodes pick the
/// active version up through <see cref="ActiveModelRegistry"/>'s refresh.
/// </summary>
public sealed partial class ModelRetrainer(
    IDbContextFactory<TriageDbContext> contexts,
    WorkflowRuntime runtime,
    ITicketClassifierFactory classifiers,
    ActiveModelRegistry registry,
    TimeProvider time,
    IOptions<LearningOptions> options,
    ILogger<ModelRetrainer> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>
    /// Trains and evaluates a candidate, stores it as a version and promotes it when it is not worse, and returns when that is
    /// done (the scheduler's way). Returns at once with <see cref="RetrainOutcome.Busy"/> when a retrain is running anywhere.
    /// The run is recorded like one <see cref="StartRetrainAsync"/> starts.
    /// </summary>
    /// <param name="actor">Who asked (<see cref="Audit.AuditActions.SystemActor"/> for the triggers).</param>
    /// <param name="trigger">One of <see cref="RetrainTriggers"/>.</param>
    /// <param name="cancellationToken">Stops the wait (training itself runs to its end once started).</param>
    public async Task<RetrainResult> RetrainAsync(string actor, string trigger, CancellationToken cancellationToken)
    {
        var (start, running) = await StartCoreAsync(actor, trigger, cancellationToken);
        return running is null ? new RetrainResult(start.Outcome!.Value, null) : await running.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Starts a retrain in the background and returns at once with the run (its id for <see cref="GetRunAsync"/>), or with
    /// <see cref="RetrainOutcome.Busy"/> when one is running anywhere, or <see cref="RetrainOutcome.NothingToLearn"/> when no
    /// reviewer has labelled a ticket. The cluster-wide lease is renewed while it runs; a node that dies with it lets it lapse
    /// after <see cref="LearningOptions.RetrainLeaseDuration"/>.
    /// </summary>
    public async Task<RetrainStart> StartRetrainAsync(string actor, string trigger, CancellationToken cancellationToken)
    {
        var (start, running) = await StartCoreAsync(actor, trigger, cancellationToken);
        // Nobody awaits an API-started run: its failure is recorded in the run (and logged), not left unobserved.
        _ = running?.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return start;
    }

    /// <summary>A retrain run by id (any node's), or null. A run whose node stopped before it finished reads as failed.</summary>
    public async Task<RetrainRun?> GetRunAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.RetrainRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null) return null;
        if (run.Status == RetrainStatus.Running && !await LeaseHeldAsync(db, run.Owner, cancellationToken))
        {
            // A run writes its end before it gives the lease back: read it again, it may just have finished.
            run = await db.RetrainRuns.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
            if (run.Status == RetrainStatus.Running)
            {
                return ToView(run, null) with { Status = RetrainStatus.Failed, Error = "the node running it stopped before it finished (its lease lapsed)" };
            }
        }

        var version = run.Version is null ? null : (await ListAsync(cancellationToken)).FirstOrDefault(v => v.Version == run.Version);
        return ToView(run, version);
    }

    private async Task<(RetrainStart Start, Task<RetrainResult>? Running)> StartCoreAsync(string actor, string trigger, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(trigger);
        if (!await _running.WaitAsync(0, cancellationToken)) return (new RetrainStart(RetrainOutcome.Busy, null), null);
        var handedOver = false;
        try
        {
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                if (!await db.LabelledExamples.AnyAsync(cancellationToken)) return (new RetrainStart(RetrainOutcome.NothingToLearn, null), null);
            }

            var run = new RetrainRunRecord
            {
                Id = "rt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
                RequestedBy = actor,
                Trigger = trigger,
                Owner = _leaseOwner,
                Status = RetrainStatus.Running,
                StartedAt = time.GetUtcNow(),
            };
            if (!await TryAcquireLeaseAsync(run, cancellationToken)) return (new RetrainStart(RetrainOutcome.Busy, null), null);
            var running = Task.Run(() => RunAsync(run), CancellationToken.None);
            handedOver = true;
            return (new RetrainStart(null, ToView(run, null)), running);
        }
        finally
        {
            if (!handedOver) _running.Release();
        }
    }

    // The run itself: renews the lease while it trains, records how it ended, gives the lease back.
    private async Task<RetrainResult> RunAsync(RetrainRunRecord run)
    {
        using var renewal = new CancellationTokenSource();
        var renewing = RenewLeaseWhileRunningAsync(run.Id, renewal.Token);
        try
        {
            RetrainResult result;
            try
            {
                result = await RetrainCoreAsync(run.RequestedBy, run.Trigger, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Retrain {RunId} failed", run.Id);
                var error = $"{ex.GetType().Name}: {ex.Message}";
                await FinishAsync(run.Id, RetrainStatus.Failed, null, error.Length > 1000 ? error[..1000] : error);
                throw;
            }

            var status = result.Outcome switch
            {
                RetrainOutcome.Promoted => RetrainStatus.Promoted,
                RetrainOutcome.Rejected => RetrainStatus.Rejected,
                _ => RetrainStatus.Failed,
            };
            await FinishAsync(run.Id, status, result.Version?.Version, status == RetrainStatus.Failed ? "no reviewer-labelled ticket has known labels" : null);
            return result;
        }
        finally
        {
            await renewal.CancelAsync();
            await renewing;
            try
            {
                await ReleaseLeaseAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                logger.LogWarning(ex, "Giving back the retrain lease failed; it lapses within {Lease}", LeaseDuration);
            }

            _running.Release();
        }
    }

    private Task FinishAsync(string id, RetrainStatus status, string? version, string? error) =>
        runtime.WriteAsync(tx =>
        {
            var run = tx.Db<TriageDbContext>().RetrainRuns.Single(r => r.Id == id);
            run.Status = status;
            run.Version = version;
            run.Error = error;
            run.FinishedAt = time.GetUtcNow();
            return true;
        }, CancellationToken.None);

    private static RetrainRun ToView(RetrainRunRecord r, ModelVersionSummary? version) =>
        new(r.Id, r.Status, r.RequestedBy, r.Trigger, r.StartedAt, r.FinishedAt, version, r.Error);

    /// <summary>The trigger due now (<see cref="RetrainTriggers.Labels"/> or <see cref="RetrainTriggers.Schedule"/>), or null.</summary>
    public async Task<string?> DueTriggerAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var last = await db.ModelVersions.AsNoTracking().OrderByDescending(v => v.Number)
            .Select(v => new { v.LastExampleId, v.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
        var lastExampleId = last?.LastExampleId ?? 0;
        var fresh = db.LabelledExamples.AsNoTracking().Where(e => e.Id > lastExampleId);
        var count = await fresh.CountAsync(cancellationToken);
        if (count == 0) return null;
        if (settings.RetrainAfterLabels > 0 && count >= settings.RetrainAfterLabels) return RetrainTriggers.Labels;
        if (settings.RetrainInterval is not { } interval) return null;
        // With no version yet, the schedule counts from the oldest example not learnt from.
        var since = last?.CreatedAt ?? await fresh.MinAsync(e => e.DecidedAt, cancellationToken);
        return time.GetUtcNow() - since >= interval ? RetrainTriggers.Schedule : null;
    }

    private async Task<RetrainResult> RetrainCoreAsync(string actor, string trigger, CancellationToken cancellationToken)
    {
        var heldOutPercent = options.Value.HeldOutPercent;
        List<LabelledExampleRecord> examples;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            examples = await db.LabelledExamples.AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
        }

        examples = [.. examples.Where(e => TicketLabels.Categories.Contains(e.Category) && TicketLabels.Priorities.Contains(e.Priority))];
        if (examples.Count == 0) return new RetrainResult(RetrainOutcome.NothingToLearn, null);

        var heldOut = examples.Where(e => HeldOutSlice.Contains(e.TicketId, heldOutPercent)).ToList();
        var learnFrom = examples.Where(e => !HeldOutSlice.Contains(e.TicketId, heldOutPercent)).ToList();
        var shipped = TrainingTicketSet.LoadEmbedded();
        var training = shipped.Tickets.Concat(learnFrom.Select(ToLabelledTicket)).ToList();

        logger.LogInformation("Retraining the local model ({Trigger}) on {Shipped} shipped tickets and {Examples} reviewer examples; {HeldOut} held out",
            trigger, shipped.Tickets.Count, learnFrom.Count, heldOut.Count);
        using var candidate = await Task.Run(() => LocalModelTrainer.Train(training, TrainingSha(shipped.Sha256, learnFrom)), CancellationToken.None);

        registry.Invalidate();
        var baseline = await registry.GetAsync(cancellationToken);
        var baselineVersion = baseline?.Version ?? ModelVersions.Base;
        var baseClassifier = classifiers.Get(AiOptions.LocalProviderName) is VersionedLocalClassifier versioned ? versioned.Inner : classifiers.Get(AiOptions.LocalProviderName);

        var gold = heldOut.Select(e => (e.Category, e.Priority)).ToList();
        var candidatePredictions = new List<Classification>(heldOut.Count);
        var baselinePredictions = new List<Classification>(heldOut.Count);
        foreach (var example in heldOut)
        {
            var ticket = new TicketText(example.Subject, example.Body);
            candidatePredictions.Add(StoredModel.Classify(candidate, ticket, AiOptions.LocalProviderName, "candidate"));
            baselinePredictions.Add(baseline is not null
                ? StoredModel.Classify(baseline.Model, ticket, AiOptions.LocalProviderName, baseline.Version)
                : (await baseClassifier.ClassifyAsync(ticket, cancellationToken)).Classification);
        }

        var after = ClassifierEvaluation.Score(gold, candidatePredictions);
        var before = ClassifierEvaluation.Score(gold, baselinePredictions);
        var promote = heldOut.Count > 0 && after.Accuracy >= before.Accuracy && after.MacroF1 >= before.MacroF1;
        var evaluation = JsonSerializer.Serialize(
            heldOut.Select((e, i) => new HeldOutPrediction(e.TicketId, e.Category, e.Priority,
                candidatePredictions[i].Category, candidatePredictions[i].Priority, candidatePredictions[i].Confidence,
                baselinePredictions[i].Category, baselinePredictions[i].Priority, baselinePredictions[i].Confidence)).ToList(), Json);
        var (modelData, metadata) = StoredModel.Save(candidate);

        var createdAt = time.GetUtcNow();
        var stored = await runtime.WriteAsync(tx =>
        {
            var number = Convert.ToInt32(tx.Scalar("""SELECT COALESCE(MAX("Number"), 0) FROM "ModelVersions" """), CultureInfo.InvariantCulture) + 1;
            var record = new ModelVersionRecord
            {
                Number = number,
                Version = ModelVersions.Name(number),
                Model = candidate.Metadata.ModelName,
                Status = ModelVersionStatus.Rejected,
                CreatedBy = actor,
                Trigger = trigger,
                CreatedAt = createdAt,
                TrainingTickets = training.Count,
                ReviewerExamples = learnFrom.Count,
                LastExampleId = examples[^1].Id,
                HeldOutTickets = heldOut.Count,
                Accuracy = after.Accuracy,
                MacroF1 = after.MacroF1,
                PriorityAccuracy = after.PriorityAccuracy,
                BaselineVersion = baselineVersion,
                BaselineAccuracy = before.Accuracy,
                BaselineMacroF1 = before.MacroF1,
                BaselinePriorityAccuracy = before.PriorityAccuracy,
                Evaluation = evaluation,
                ModelData = modelData,
                Metadata = metadata,
            };
            if (promote)
            {
                var previous = ActiveVersion(tx);
                RetireActive(tx);
                record.Status = ModelVersionStatus.Active;
                AuditActivation(tx, actor, Audit.AuditActions.PromoteModel, record.Version, previous, trigger, after, before);
            }

            tx.Db<TriageDbContext>().ModelVersions.Add(record);
            return ModelVersionSummary.From(record);
        }, cancellationToken);

        registry.Invalidate();
        logger.LogInformation(
            "Local model {Version} {Outcome}: held-out accuracy {Accuracy:0.000} (baseline {BaselineVersion} {BaselineAccuracy:0.000}), macro-F1 {MacroF1:0.000} (baseline {BaselineMacroF1:0.000}) on {HeldOut} tickets",
            stored.Version, promote ? "promoted" : "rejected", after.Accuracy, baselineVersion, before.Accuracy, after.MacroF1, before.MacroF1, heldOut.Count);
        return new RetrainResult(promote ? RetrainOutcome.Promoted : RetrainOutcome.Rejected, stored);
    }

    private static LabelledTicket ToLabelledTicket(LabelledExampleRecord e) => new(
        e.Subject, e.Body, e.Category, e.Priority, TicketLabels.Sentiments.Contains(e.Sentiment) ? e.Sentiment : "neutral", e.Language);

    private static string TrainingSha(string shippedSha, IReadOnlyList<LabelledExampleRecord> examples)
    {
        var text = new StringBuilder(shippedSha);
        foreach (var e in examples) text.Append('\n').Append(e.Id.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
