using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Workflows.Persistence;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Workflows.Ai.Learning;

/// <summary>
/// The model page's figures. For a version, they are its held-out predictions (stored with it by the retrain); for the base
/// model, the baseline predictions of the first version evaluated against it; before any retrain, the AI's labels against the
/// reviewers' on every decided ticket (those are mostly tickets the AI was unsure of, so they understate it). All figures come
/// from <see cref="ClassifierEvaluation.Score"/>, as the <c>evaluate</c> verb's do. It also sets a variant's threshold, by
/// publishing a new version of its definition (versioned, and audited as a publish with the person).
/// </summary>
public sealed class ModelDashboard(IDbContextFactory<TriageDbContext> contexts, ModelRetrainer retrainer, WorkflowDefinitionStore definitions)
{
    /// <summary>The activity type whose <c>threshold</c> setting decides what routes without a human.</summary>
    public const string DecideType = "Decide";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Loads the page's figures of <paramref name="version"/> (null: the active version, else the newest).</summary>
    public async Task<ModelDashboardView> LoadAsync(string? version, CancellationToken cancellationToken)
    {
        var versions = await retrainer.ListAsync(cancellationToken);
        var active = versions.FirstOrDefault(v => v.Status == ModelVersionStatus.Active)?.Version ?? ModelVersions.Base;
        var selected = version ?? (versions.Count == 0 ? null : active);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        string source;
        ClassifierScores? scores = null;
        if (selected is null || (selected == ModelVersions.Base && versions.All(v => v.BaselineVersion != ModelVersions.Base)))
        {
            var decided = await db.LabelledExamples.AsNoTracking().Where(e => e.AiCategory != null && e.AiPriority != null)
                .Select(e => new { e.Category, e.Priority, e.AiCategory, e.AiPriority, e.AiConfidence }).ToListAsync(cancellationToken);
            source = $"the AI's labels against the reviewers' on {decided.Count} decided tickets (mostly ones the AI was unsure of)";
            if (decided.Count > 0)
            {
                scores = ClassifierEvaluation.Score(
                    [.. decided.Select(e => (e.Category, e.Priority))],
                    [.. decided.Select(e => Labels(e.AiCategory!, e.AiPriority!, e.AiConfidence ?? 0))]);
            }
        }
        else
        {
            var isBase = selected == ModelVersions.Base;
            var evaluatedOn = isBase ? versions.Where(v => v.BaselineVersion == ModelVersions.Base).MinBy(v => v.Number)?.Version : selected;
            var json = evaluatedOn is null ? null
                : await db.ModelVersions.AsNoTracking().Where(v => v.Version == evaluatedOn).Select(v => v.Evaluation).FirstOrDefaultAsync(cancellationToken);
            var predictions = json is null ? [] : JsonSerializer.Deserialize<List<HeldOutPrediction>>(json, Json) ?? [];
            source = $"{predictions.Count} held-out reviewer-labelled tickets of {evaluatedOn ?? selected}";
            if (predictions.Count > 0)
            {
                scores = ClassifierEvaluation.Score(
                    [.. predictions.Select(p => (p.Category, p.Priority))],
                    [.. predictions.Select(p => isBase
                        ? Labels(p.BaselineCategory, p.BaselinePriority, p.BaselineConfidence)
                        : Labels(p.PredictedCategory, p.PredictedPriority, p.Confidence))]);
            }
        }

        var shadows = await (from s in db.ShadowClassifications.AsNoTracking()
                             join e in db.LabelledExamples.AsNoTracking() on s.TicketId equals e.TicketId
                             select new { s.Shadow, SameCategory = s.Category == e.Category, SamePriority = s.Priority == e.Priority })
            .ToListAsync(cancellationToken);
        var agreement = shadows.GroupBy(s => s.Shadow, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ShadowAgreement(g.Key, g.Count(), g.Count(s => s.SameCategory) / (double)g.Count(), g.Count(s => s.SamePriority) / (double)g.Count()))
            .ToList();
        return new ModelDashboardView(active, versions, selected, source, scores, agreement, await ThresholdsAsync(cancellationToken));
    }

    /// <summary>The Decide nodes of every published variant with their thresholds.</summary>
    public async Task<IReadOnlyList<VariantThreshold>> ThresholdsAsync(CancellationToken cancellationToken)
    {
        var published = await definitions.ListLatestPublishedAsync(cancellationToken);
        return [.. published.OrderBy(d => d.Id, StringComparer.Ordinal).SelectMany(d => d.Nodes.Where(n => n.Type == DecideType)
            .Select(n => new VariantThreshold(d.Id, d.Version, n.Id, ThresholdOf(n))))];
    }

    /// <summary>
    /// Publishes a new version of <paramref name="definitionId"/> whose Decide node <paramref name="nodeId"/> has this threshold
    /// (through the definition store: validated, versioned, audited as a publish by <paramref name="actor"/>). Null when there is
    /// no such published variant or node.
    /// </summary>
    public async Task<PublishResult?> SetThresholdAsync(string definitionId, string nodeId, double threshold, string actor, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, 1.0);
        var current = await definitions.GetLatestPublishedAsync(definitionId, cancellationToken);
        if (current?.FindNode(nodeId) is not { Type: DecideType }) return null;
        var nodes = current.Nodes.Select(n =>
        {
            if (n.Id != nodeId) return n;
            var settings = (System.Text.Json.Nodes.JsonObject)n.Settings.DeepClone();
            settings["threshold"] = Math.Round(threshold, 4);
            return n with { Settings = settings };
        }).ToList();
        return await definitions.SaveAndPublishAsync(current with { Nodes = nodes }, actor, cancellationToken);
    }

    private static double ThresholdOf(WorkflowNode node) =>
        node.Settings["threshold"] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<double>(out var threshold) ? threshold : ReviewRules.DefaultThreshold;

    private static Classification Labels(string category, string priority, double confidence) =>
        new(category, priority, "en", "neutral", confidence, "", "", "");
}
