using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ReviewDesk.Engine.Runtime;
using ReviewDesk.Workflows.Audit;

namespace ReviewDesk.Workflows.Ai.Learning;

public sealed partial class ModelRetrainer
{
    private const string ActiveVersionSql = """SELECT "Version" FROM "ModelVersions" WHERE "Status" = $1""";
    private const string RetireSql = """UPDATE "ModelVersions" SET "Status" = $1 WHERE "Status" = $2""";
    private const string ActivateSql = """UPDATE "ModelVersions" SET "Status" = $1 WHERE "Number" = $2""";
    private const string ShadowSql = """UPDATE "ModelVersions" SET "Shadow" = $1 WHERE "Version" = $2""";
    private const string NumberSql = """SELECT "Number" FROM "ModelVersions" WHERE "Version" = $1""";

    /// <summary>Every version, newest first.</summary>
    public async Task<IReadOnlyList<ModelVersionSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await db.ModelVersions.AsNoTracking().OrderByDescending(v => v.Number)
            .Select(v => new ModelVersionSummary(v.Version, v.Number, v.Model, v.Status, v.Shadow, v.CreatedBy, v.Trigger, v.CreatedAt, v.TrainingTickets,
                v.ReviewerExamples, v.HeldOutTickets, v.Accuracy, v.MacroF1, v.PriorityAccuracy, v.BaselineVersion, v.BaselineAccuracy,
                v.BaselineMacroF1, v.BaselinePriorityAccuracy))
            .ToListAsync(cancellationToken);
        return records;
    }

    /// <summary>The held-out predictions of <paramref name="version"/> and its baseline; null when there is no such version.</summary>
    public async Task<IReadOnlyList<HeldOutPrediction>?> GetEvaluationAsync(string version, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.ModelVersions.AsNoTracking().Where(v => v.Version == version).Select(v => v.Evaluation).FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : JsonSerializer.Deserialize<List<HeldOutPrediction>>(json, Json) ?? [];
    }

    /// <summary>
    /// Makes <paramref name="version"/> the active one (<see cref="ModelVersions.Base"/>: no retrained version, the base model
    /// classifies). Activating an earlier version than the active one is a rollback, and audited as one.
    /// </summary>
    public async Task<PromoteResult> PromoteAsync(string version, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var result = await runtime.WriteAsync(tx =>
        {
            var previous = ActiveVersion(tx);
            if (previous == version) return new PromoteResult(PromoteOutcome.AlreadyActive, version, previous);
            long number = 0;
            if (version != ModelVersions.Base)
            {
                if (tx.Scalar(NumberSql, version) is not long found) return new PromoteResult(PromoteOutcome.NotFound, version, previous);
                number = found;
            }

            var previousNumber = previous == ModelVersions.Base ? 0L : (long)tx.Scalar(NumberSql, previous)!;
            RetireActive(tx);
            if (number > 0) tx.Execute(ActivateSql, (int)ModelVersionStatus.Active, (int)number);
            AuditActivation(tx, actor, number > previousNumber ? AuditActions.PromoteModel : AuditActions.RollbackModel, version, previous, RetrainTriggers.OnDemand, null, null);
            return new PromoteResult(PromoteOutcome.Activated, version, previous);
        }, cancellationToken);
        registry.Invalidate();
        return result;
    }

    /// <summary>
    /// Marks <paramref name="version"/> as a shadow (it classifies live tickets without acting, see <see cref="ShadowClassificationRunner"/>)
    /// or not; audited with <paramref name="actor"/>. False when there is no such version.
    /// </summary>
    public async Task<bool> SetShadowAsync(string version, bool shadow, string actor, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        return await runtime.WriteAsync(tx =>
        {
            if (tx.Execute(ShadowSql, shadow, version) == 0) return false;
            AuditLog.Append(tx, new AuditEvent(actor, AuditActions.ShadowModel, Target: $"model:{version}", Detail: new JsonObject { ["version"] = version, ["shadow"] = shadow }));
            return true;
        }, cancellationToken);
    }

    private static string ActiveVersion(WorkflowTransaction tx) =>
        tx.Scalar(ActiveVersionSql, (int)ModelVersionStatus.Active) as string ?? ModelVersions.Base;

    private static void RetireActive(WorkflowTransaction tx) =>
        tx.Execute(RetireSql, (int)ModelVersionStatus.Retired, (int)ModelVersionStatus.Active);

    private static void AuditActivation(
        WorkflowTransaction tx, string actor, string action, string version, string previous, string trigger, ClassifierScores? after, ClassifierScores? before)
    {
        var detail = new JsonObject { ["version"] = version, ["previous"] = previous, ["trigger"] = trigger };
        if (after is not null && before is not null)
        {
            detail["heldOutTickets"] = after.Tickets;
            detail["accuracy"] = Math.Round(after.Accuracy, 4);
            detail["macroF1"] = Math.Round(after.MacroF1, 4);
            detail["baselineAccuracy"] = Math.Round(before.Accuracy, 4);
            detail["baselineMacroF1"] = Math.Round(before.MacroF1, 4);
        }

        AuditLog.Append(tx, new AuditEvent(actor, action, Target: string.Create(CultureInfo.InvariantCulture, $"model:{version}"), Detail: detail));
    }
}
