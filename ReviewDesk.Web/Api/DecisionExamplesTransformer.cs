using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ReviewDesk.Web.Api;

/// <summary>
/// Documents <c>POST /api/reviews/{ticketId}/decision</c> for integrators answering from elsewhere (a chat bot, an ITSM
/// tool, a webhook receiver): how to call it with an API key, idempotency, conflicts, and one example per action.
/// </summary>
internal sealed class DecisionExamplesTransformer : IOpenApiOperationTransformer
{
    public const string OperationId = "DecideTicket";

    internal const string Description = """
        Decides a ticket awaiting review, exactly as a reviewer in the console does: deciding claims the ticket first
        (a ticket another reviewer holds is a 409 naming them, unless an admin's key sends `takeOver: true`), and the
        answer is the ticket after its workflow moved on (routed, rejected, or waiting again after an escalation).

        **From a chat bot or an ITSM tool.** Create an API key with the Reviewer role at `/admin/api-keys` and send it as
        `X-Api-Key`; the decision is recorded (and audited) as `apikey:{name}`. A webhook event from ReviewDesk
        (`ReviewDesk-Event-Type: review.requested`) carries `ticket.id`: answer with this call. Send a `requestId`
        (for example the chat message id or the ITSM change id): repeating the call with it returns 200 again and changes
        nothing, so a retried delivery never decides twice. Without it, a second decision on a decided ticket is a 409.

        **Actions.** `approve` (optionally with an edited `category` and `priority`), `reject` (a `comment` is required),
        `escalate` (not a decision: the priority rises one step, the ticket goes back to the queue unclaimed with a fresh deadline).
        """;

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (operation.OperationId != OperationId) return Task.CompletedTask;
        operation.Description = Description;
        if (operation.RequestBody?.Content?.TryGetValue("application/json", out var body) == true && body is OpenApiMediaType media)
        {
            media.Examples = new Dictionary<string, IOpenApiExample>(StringComparer.Ordinal)
            {
                ["approve"] = Example("Approve the AI's labels", new JsonObject { ["action"] = "approve", ["requestId"] = "slack-1733155200.000100" }),
                ["editAndApprove"] = Example("Approve with edited labels", new JsonObject
                {
                    ["action"] = "approve", ["category"] = "billing", ["priority"] = "P2", ["comment"] = "double charge, not a refund", ["requestId"] = "itsm-CHG0042",
                }),
                ["reject"] = Example("Reject (a comment is required)", new JsonObject { ["action"] = "reject", ["comment"] = "spam", ["requestId"] = "slack-1733155260.000200" }),
                ["escalate"] = Example("Hand it up (priority +1, back to the queue)", new JsonObject { ["action"] = "escalate", ["comment"] = "needs a senior reviewer" }),
                ["takeOver"] = Example("An admin's key deciding a ticket another reviewer holds", new JsonObject { ["action"] = "approve", ["takeOver"] = true, ["requestId"] = "ops-override-7" }),
            };
        }

        return Task.CompletedTask;
    }

    private static OpenApiExample Example(string summary, JsonObject value) => new() { Summary = summary, Value = value };
}
