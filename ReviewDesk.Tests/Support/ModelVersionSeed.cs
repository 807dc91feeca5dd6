using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Workflows.Ai.Learning;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Tests.Support;

/// <summary>
/// Model version rows as a retrain stores them, with held-out predictions, for tests of what shows versions (the model page).
/// Their model bytes are empty: a test that uses them classifies nothing while one of them is active.
/// </summary>
public static class ModelVersionSeed
{
    /// <summary>20 held-out predictions: the candidate right on 17 (its confident ones), the baseline on 12.</summary>
    public static IReadOnlyList<HeldOutPrediction> Predictions { get; } = [.. Enumerable.Range(0, 20).Select(i =>
    {
        var gold = i % 2 == 0 ? "billing" : "shipping";
        var wrong = gold == "billing" ? "refund" : "technical_issue";
        var confidence = 0.5 + (i % 10) * 0.05;
        return new HeldOutPrediction($"tk_seed{i:00}", gold, "P3",
            i < 17 ? gold : wrong, "P3", i < 17 ? confidence + 0.04 : 0.52,
            i < 12 ? gold : wrong, i % 3 == 0 ? "P2" : "P3", confidence);
    })];

    /// <summary>Adds version <paramref name="number"/> with <see cref="Predictions"/> as its held-out evaluation.</summary>
    public static async Task AddAsync(IServiceProvider services, int number, ModelVersionStatus status, string baseline, CancellationToken cancellationToken)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.ModelVersions.Add(new ModelVersionRecord
        {
            Number = number, Version = ModelVersions.Name(number), Model = "mlnet-sdca-v1", Status = status, CreatedBy = "system", Trigger = RetrainTriggers.Labels,
            CreatedAt = DateTimeOffset.UtcNow.AddHours(number - 10), TrainingTickets = 1180, ReviewerExamples = 80, LastExampleId = number * 100,
            HeldOutTickets = Predictions.Count, Accuracy = 0.85, MacroF1 = 0.84, PriorityAccuracy = 0.75, BaselineVersion = baseline,
            BaselineAccuracy = 0.6, BaselineMacroF1 = 0.58, BaselinePriorityAccuracy = 0.6,
            Evaluation = JsonSerializer.Serialize(Predictions, new JsonSerializerOptions(JsonSerializerDefaults.Web)), ModelData = [], Metadata = "{}",
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
