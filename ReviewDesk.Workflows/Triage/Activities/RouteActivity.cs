using System.Text.Json.Nodes;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Workflows.Triage.Contracts;

namespace ReviewDesk.Workflows.Triage.Activities;

/// <summary>Maps the final category and priority to a queue through the definition's routing table.</summary>
public sealed class RouteActivity(TriageMetrics metrics) : IActivityType, IInlineActivity
{
    /// <inheritdoc />
    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Route",
        DisplayName = "Route",
        Description = "Sends the ticket to a queue by its final category; a priority rule (such as P1) can take precedence.",
        Category = "Triage",
        Settings =
        [
            new() { Name = "routes", Label = "Queue by category", Kind = SettingKind.Json, Required = true, Description = "{ \"billing\": \"finance\", ... }" },
            new() { Name = "priorityRoutes", Label = "Queue by priority", Kind = SettingKind.Json, Description = "{ \"P1\": \"urgent\" }: wins over the category." },
            new() { Name = "defaultQueue", Label = "Default queue", Kind = SettingKind.Text, Default = "general" },
        ],
        Validate = settings => settings["routes"] is JsonObject routes && routes.All(r => r.Value?.GetValueKind() == System.Text.Json.JsonValueKind.String)
            ? []
            : ["routes must be an object that maps categories to queue names"],
    };

    /// <inheritdoc />
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(Route(context));

    /// <inheritdoc />
    public ActivityResult? TryRunInline(ActivityContext context) => Route(context);

    private ActivityResult Route(ActivityContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var category = context.Get(TriageDefinitions.Variables.FinalCategory) ?? "general_inquiry";
        var priority = context.Get(TriageDefinitions.Variables.FinalPriority) ?? "P3";
        var queue = (context.Settings["priorityRoutes"] as JsonObject)?[priority]?.GetValue<string>()
            ?? (context.Settings["routes"] as JsonObject)?[category]?.GetValue<string>()
            ?? context.GetString("defaultQueue", "general")!;
        var route = new RouteResult(queue, category, priority);
        var reviewed = context.Get(TriageDefinitions.Variables.Reviewed);
        context.Enlist(tx =>
        {
            TicketWriter.Routed(tx, context.BusinessKey, route);
            tx.OnCommitted(() => metrics.Routed(reviewed));
        });
        return ActivityResult.Done(route);
    }
}
