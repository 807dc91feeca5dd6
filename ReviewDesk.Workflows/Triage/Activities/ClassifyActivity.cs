using System.Globalization;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Triage.Contracts;

namespace ReviewDesk.Workflows.Triage.Activities;

/// <summary>
/// Classifies the redacted ticket with the configured provider (the local model by default). Its
/// output is checkpointed by the runtime, so a paid model call that completed never runs again.
/// </summary>
public sealed class ClassifyActivity(TicketStore tickets, ITicketClassifierFactory classifiers) : IActivityType
{
    /// <summary>Fall back to the local provider when the named one is not configured.</summary>
    public const string LocalProvider = "local";

    /// <inheritdoc />
    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Classify",
        DisplayName = "Classify",
        Description = "Labels category, priority, language and sentiment with a confidence, using a local model or an LLM.",
        Category = "AI",
        Outcomes = [Outcomes.Done, Outcomes.Failed],
        Settings =
        [
            new() { Name = "provider", Label = "Provider", Kind = SettingKind.Text, Description = "A provider under Ai:Providers; empty uses Ai:Defaults:Classify." },
            new() { Name = "fallbackToLocal", Label = "Fall back to local", Kind = SettingKind.Boolean, Default = true, Description = "Use the local model when the provider is not configured." },
        ],
    };

    /// <inheritdoc />
    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = await tickets.FindRedactedTextAsync(context.BusinessKey, context.CancellationToken)
            ?? throw new ActivityException("TicketMissing", $"ticket {context.BusinessKey} does not exist", nonRetryable: true);
        if (text.Subject is null || text.Body is null)
        {
            throw new ActivityException("NotScrubbed", "the ticket has not been scrubbed; refusing to send raw text to a model", nonRetryable: true);
        }

        var provider = context.GetString("provider");
        var fallback = context.Settings["fallbackToLocal"]?.GetValue<bool>() ?? true;
        if (!string.IsNullOrWhiteSpace(provider) && !classifiers.IsConfigured(provider))
        {
            if (!fallback) throw new ActivityException("ProviderMissing", $"AI provider '{provider}' is not configured", nonRetryable: true);
            context.Journal("ProviderFallback", $"provider '{provider}' is not configured; using '{LocalProvider}'");
            provider = LocalProvider;
        }

        var classifier = classifiers.Get(provider);
        var result = await classifier.ClassifyAsync(new TicketText(text.Subject, text.Body), context.CancellationToken);
        // Which prompt produced the labels (none for the local model), so a reviewer's decision can be audited against it.
        var classification = TicketClassification.From(result.Classification, classifier is KernelTicketClassifier ? ClassificationPrompt.Version : null);
        context.Metrics["provider"] = classification.Provider;
        context.Metrics["model"] = classification.Model;
        if (result.Usage is { } usage)
        {
            context.Metrics["inputTokens"] = usage.InputTokens;
            context.Metrics["outputTokens"] = usage.OutputTokens;
            if (usage.EstimatedCost is { } cost) context.Metrics["cost"] = cost.ToString("0.######", CultureInfo.InvariantCulture);
        }

        context.Enlist(tx => TicketWriter.Classified(tx, context.BusinessKey, classification));
        context.Set(TriageDefinitions.Variables.Classification, classification);
        return ActivityResult.Done(classification);
    }
}
