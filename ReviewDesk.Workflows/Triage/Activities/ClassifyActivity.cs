using System.Globalization;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Triage.Contracts;

namespace ReviewDesk.Workflows.Triage.Activities;

/// <summary>
/// Classifies the redacted ticket with the configured provider (the local model by default). Its
/// output is checkpointed by the runtime, so a paid model call that completed never runs again.
/// With <c>unsureBelow</c> set, an answer less confident than that takes the <see cref="Unsure"/>
/// outcome, so a variant can draw a confidence cascade: a fast model, then a stronger one (the
/// semantic model, an LLM) only for the tickets the previous one was unsure of, then a human.
/// With <c>skipIfMissing</c> set, a step whose provider is not configured, or already answered this
/// ticket (a stage naming the default provider when that is the one that answered first), asks no
/// model and takes the <see cref="Skipped"/> outcome: the shipped cascade's LLM stage runs only where
/// an LLM is configured. Every answer is journaled (<see cref="AnsweredJournalType"/>) with its
/// provider, model, confidence, time, tokens and estimated cost; the last answer is the ticket's classification.
/// A stage that skips needs nothing but the configuration and the variables, so it skips inline, in the step
/// before it (<see cref="IInlineActivity"/>); so does a stage whose model answers from memory, right after the scrub
/// (<see cref="TryRunInline"/>). A stage that asks a slow or paid model is always a step of its own.
/// </summary>
public sealed class ClassifyActivity(TicketStore tickets, ITicketClassifierFactory classifiers, TriageMetrics metrics) : IActivityType, IInlineActivity
{
    /// <summary>Fall back to the local provider when the named one is not configured.</summary>
    public const string LocalProvider = "local";

    /// <summary>The outcome of an answer less confident than the <c>unsureBelow</c> setting.</summary>
    public const string Unsure = "Unsure";

    /// <summary>The outcome of a <c>skipIfMissing</c> step whose provider is not configured or already answered.</summary>
    public const string Skipped = "Skipped";

    /// <summary>The journal entry of a skipped step, with the reason.</summary>
    public const string SkippedJournalType = "ModelSkipped";

    /// <summary>The journal entry of each model's answer.</summary>
    public const string AnsweredJournalType = "ModelAnswered";

    /// <inheritdoc />
    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Classify",
        DisplayName = "Classify",
        Description = "Labels category, priority, language and sentiment with a confidence, using a local model or an LLM.",
        Category = "AI",
        Outcomes = [Outcomes.Done, Unsure, Skipped, Outcomes.Failed],
        Settings =
        [
            new() { Name = "provider", Label = "Provider", Kind = SettingKind.Text, Description = "A provider under Ai:Providers; empty uses Ai:Defaults:Classify." },
            new() { Name = "unsureBelow", Label = "Unsure below", Kind = SettingKind.Number, Default = 0, Minimum = 0, Maximum = 1, Description = "An answer less confident than this takes the Unsure outcome (0: never); connect it to a stronger model or to review." },
            new() { Name = "fallbackToLocal", Label = "Fall back to local", Kind = SettingKind.Boolean, Default = true, Description = "Use the local model when the provider is not configured." },
            new() { Name = "skipIfMissing", Label = "Skip if not configured", Kind = SettingKind.Boolean, Default = false, Description = "When the provider is not configured, or already answered this ticket, ask no model and take the Skipped outcome (a cascade's optional stage)." },
        ],
    };

    /// <inheritdoc />
    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (SkipIfMissing(context) is { } skipped) return skipped;
        var text = await tickets.FindRedactedTextAsync(context.BusinessKey, context.CancellationToken)
            ?? throw new ActivityException("TicketMissing", $"ticket {context.BusinessKey} does not exist", nonRetryable: true);
        if (text.Subject is null || text.Body is null)
        {
            throw new ActivityException("NotScrubbed", "the ticket has not been scrubbed; refusing to send raw text to a model", nonRetryable: true);
        }

        var (classifier, fallbackNote) = Resolve(context);
        if (fallbackNote is not null) context.Journal("ProviderFallback", fallbackNote);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await classifier.ClassifyAsync(new TicketText(text.Subject, text.Body), context.CancellationToken);
        return Answer(context, classifier, result, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Besides a skip, a stage whose classifier answers from memory (<see cref="IImmediateTicketClassifier"/>: the local
    /// model, loaded) runs inline when the step it joins scrubbed the ticket and handed on the redacted text
    /// (<see cref="ScrubPiiActivity.RedactedTextItem"/>): the text it would otherwise read back from the ticket row, which
    /// has not committed yet. A stage with a slow or paid model, or without that text, runs as a step of its own.
    /// </remarks>
    public ActivityResult? TryRunInline(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (SkipIfMissing(context) is { } skipped) return skipped;
        if (!context.StepItems.TryGetValue(ScrubPiiActivity.RedactedTextItem, out var item) || item is not TicketText text) return null;
        var (classifier, fallbackNote) = Resolve(context);
        if (classifier is not IImmediateTicketClassifier immediate) return null;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!immediate.TryClassify(text, out var result)) return null;
        var elapsedMs = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (fallbackNote is not null) context.Journal("ProviderFallback", fallbackNote);
        return Answer(context, classifier, result, elapsedMs);
    }

    // The classifier of the node's provider, and the journal note when it falls back to the local one.
    private (ITicketClassifier Classifier, string? FallbackNote) Resolve(ActivityContext context)
    {
        var provider = context.GetString("provider");
        var fallback = context.Settings["fallbackToLocal"]?.GetValue<bool>() ?? true;
        if (string.IsNullOrWhiteSpace(provider) || classifiers.IsConfigured(provider)) return (classifiers.Get(provider), null);
        if (!fallback) throw new ActivityException("ProviderMissing", $"AI provider '{provider}' is not configured", nonRetryable: true);
        return (classifiers.Get(LocalProvider), $"provider '{provider}' is not configured; using '{LocalProvider}'");
    }

    // Records an answer: metrics, the journal, the ticket's classification (enlisted) and the variables; Unsure below the threshold.
    private ActivityResult Answer(ActivityContext context, ITicketClassifier classifier, ClassificationResult result, double elapsedMs)
    {
        // Which prompt produced the labels (none for the local model), so a reviewer's decision can be audited against it.
        var classification = TicketClassification.From(result.Classification, classifier is KernelTicketClassifier ? ClassificationPrompt.Version : null);
        context.Metrics["provider"] = classification.Provider;
        context.Metrics["model"] = classification.Model;
        if (result.Usage is { } usage)
        {
            metrics.ModelAnswered(classification.Provider, classification.Model, usage);
            context.Metrics["inputTokens"] = usage.InputTokens;
            context.Metrics["outputTokens"] = usage.OutputTokens;
            if (usage.EstimatedCost is { } cost) context.Metrics["cost"] = cost.ToString("0.######", CultureInfo.InvariantCulture);
        }

        context.Metrics["elapsedMs"] = Math.Round(elapsedMs, 1);
        var unsureBelow = context.Settings["unsureBelow"]?.GetValue<double>() ?? 0;
        var unsure = classification.Confidence < unsureBelow;
        var tokens = result.Usage is { } u
            ? string.Create(CultureInfo.InvariantCulture, $", {u.InputTokens}+{u.OutputTokens} tokens{(u.EstimatedCost is { } c ? $", cost {c:0.######}" : "")}")
            : "";
        var verdict = unsure ? string.Create(CultureInfo.InvariantCulture, $"; unsure (below {unsureBelow:0.00})") : "";
        context.Journal(AnsweredJournalType, string.Create(CultureInfo.InvariantCulture,
            $"{classification.Provider} ({classification.Model}) answered {classification.Category}/{classification.Priority} at confidence {classification.Confidence:0.00} in {elapsedMs:0.0} ms{tokens}{verdict}"));

        // The latest answer is the ticket's classification, so the human at the end of a cascade sees the best one.
        context.Enlist(tx => TicketWriter.Classified(tx, context.BusinessKey, classification));
        context.Set(TriageDefinitions.Variables.Classification, classification);
        context.Set(TriageDefinitions.Variables.ModelsAnswered, [.. context.Get(TriageDefinitions.Variables.ModelsAnswered) ?? [], classification.Provider]);
        return unsure ? ActivityResult.Outcome(Unsure, classification) : ActivityResult.Done(classification);
    }

    // The Skipped outcome of a skipIfMissing stage with no model to ask; null when a model is to be asked.
    private ActivityResult? SkipIfMissing(ActivityContext context)
    {
        if (context.Settings["skipIfMissing"]?.GetValue<bool>() != true || SkipReason(context, context.GetString("provider")) is not { } reason)
        {
            return null;
        }

        context.Journal(SkippedJournalType, reason);
        return ActivityResult.Outcome(Skipped);
    }

    // Why a skipIfMissing step asks no model; null when it should ask.
    private string? SkipReason(ActivityContext context, string? provider)
    {
        var name = string.IsNullOrWhiteSpace(provider) ? classifiers.DefaultProviderName : provider.Trim();
        if (!classifiers.IsConfigured(name)) return $"provider '{name}' is not configured; no model asked";
        var answered = context.Get(TriageDefinitions.Variables.ModelsAnswered) ?? [];
        return answered.Contains(name, StringComparer.OrdinalIgnoreCase) ? $"provider '{name}' already answered this ticket; not asked again" : null;
    }
}
