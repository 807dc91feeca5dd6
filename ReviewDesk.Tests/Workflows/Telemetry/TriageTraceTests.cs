using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using ReviewDesk.Engine.Telemetry;
using ReviewDesk.Tests.Workflows.Ai;
using ReviewDesk.Workflows.Triage;

namespace ReviewDesk.Tests.Workflows.Telemetry;

/// <summary>
/// One trace per ticket across the durable queue: the submission, the workflow start, every step (also those run by
/// a host started after the first stopped, from the traceparent stored with the work and the bookmark), the LLM call
/// inside its step, and the reviewer's decision linked to the step it resumed.
/// </summary>
public sealed class TriageTraceTests : IAsyncLifetime
{
    private const string Subject = "Strange login for Mary Example";
    private const string Body = "Someone logged in as mary.example@example.com from another country.";

    private readonly TestDatabase _database = new();
    private readonly List<Activity> _spans = [];
    private ScriptedOpenAiServer _server = null!;
    private TracerProvider _tracing = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await ScriptedOpenAiServer.StartAsync(Ct);
        _tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(EngineTelemetry.ActivitySourceName, TriageTelemetry.ActivitySourceName)
            .AddHttpClientInstrumentation()
            .AddInMemoryExporter(_spans)
            .Build();
    }

    [Fact]
    public async Task ATriageWithARestartInTheMiddle_IsOneTrace_WithTheStepsUnderTheWorkflowAndTheDecisionLinked()
    {
        _server.Enqueue(ScriptedOpenAiServer.Answer(new { category = "security", priority = "P3", language = "en", sentiment = "negative", confidence = 0.99, rationale = "scripted" }));

        string ticketId;
        await using (var first = await TriageHost.StartAsync(_database, _server.Endpoint))
        {
            ticketId = (await first.SubmitAsync(Subject, Body)).Id;
            await first.WaitForStatusAsync(ticketId, TicketStatus.AwaitingReview);
        }

        await using (var second = await TriageHost.StartAsync(_database, _server.Endpoint))
        {
            var decided = await second.Tickets.DecideAsync(ticketId, new ReviewDecision { Action = "approve" }, "alice", Ct);
            Assert.Equal(TicketStatus.Routed, decided.Ticket!.Status);
        }

        _tracing.ForceFlush();
        Activity[] spans;
        lock (_spans) spans = [.. _spans];
        var submit = spans.Single(s => s.DisplayName == "ticket submit" && Equals(s.GetTagItem(TriageTelemetry.TicketId), ticketId));
        var trace = spans.Where(s => s.TraceId == submit.TraceId).ToList();
        var start = trace.Single(s => s.DisplayName == "workflow start");
        var steps = trace.Where(s => s.DisplayName.StartsWith("step ", StringComparison.Ordinal)).ToList();

        Assert.Equal(default, submit.ParentSpanId);
        Assert.Equal(submit.SpanId, start.ParentSpanId);
        // Decide, Notify (no channel here), the review gate's wait and Route run inline: in the span of the step they
        // commit with, named by its inline-nodes tag.
        Assert.Equal(["step ScrubPii", "step Classify", "step ReviewGate"], steps.OrderBy(s => s.StartTimeUtc).Select(s => s.DisplayName));
        Assert.Equal([null, "decide,notify,review", "route"], steps.OrderBy(s => s.StartTimeUtc).Select(s => (string?)s.GetTagItem(EngineSpanTags.InlineNodes)));
        Assert.All(steps, s => Assert.Equal(start.SpanId, s.ParentSpanId));
        Assert.All(steps, s => Assert.Equal(ActivityStatusCode.Unset, s.Status));
        var classify = steps.Single(s => s.DisplayName == "step Classify");
        Assert.Equal(("classify", 1, "Execute", "Completed"), ((string)classify.GetTagItem(EngineSpanTags.NodeId)!, (int)classify.GetTagItem(EngineSpanTags.Attempt)!,
            (string)classify.GetTagItem(EngineSpanTags.WorkKind)!, (string)classify.GetTagItem(EngineSpanTags.StepStatus)!));
        // The model call is a child of its step.
        Assert.Contains(trace, s => s.Kind == ActivityKind.Client && s.ParentSpanId == classify.SpanId);

        // The decision is its own trace (the reviewer's), whose resume span links to the waiting workflow; the step it
        // woke, run by the second host, continues the ticket's trace and links back to the decision.
        var decide = spans.Single(s => s.DisplayName == "ticket decide" && Equals(s.GetTagItem(TriageTelemetry.TicketId), ticketId));
        var resume = spans.Single(s => s.DisplayName == "workflow resume" && s.TraceId == decide.TraceId);
        Assert.NotEqual(submit.TraceId, decide.TraceId);
        Assert.Equal(decide.SpanId, resume.ParentSpanId);
        Assert.Equal(start.Context.SpanId, Assert.Single(resume.Links).Context.SpanId);
        var resumed = steps.Single(s => (string?)s.GetTagItem(EngineSpanTags.WorkKind) == "Resume");
        Assert.Equal(resume.SpanId, Assert.Single(resumed.Links).Context.SpanId);

        // Ids and types only: no span carries the ticket's text.
        foreach (var tag in trace.Concat([decide, resume]).SelectMany(s => s.TagObjects))
        {
            var text = tag.Value?.ToString() ?? "";
            Assert.DoesNotContain("Mary", text, StringComparison.Ordinal);
            Assert.DoesNotContain("mary.example", text, StringComparison.Ordinal);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _tracing.Dispose();
        await _server.DisposeAsync();
        _database.Dispose();
    }
}
