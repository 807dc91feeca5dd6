using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ReviewDesk.Engine.Activities;

namespace ReviewDesk.Tests.Support;

/// <summary>Every activity execution of a test, shared by all runtimes of that test.</summary>
public sealed class ExecutionLog
{
    private readonly ConcurrentQueue<(string InstanceId, string NodeId, int Attempt, string Host)> _entries = new();

    public IReadOnlyCollection<(string InstanceId, string NodeId, int Attempt, string Host)> Entries => _entries;

    public void Add(string instanceId, string nodeId, int attempt, string host) => _entries.Enqueue((instanceId, nodeId, attempt, host));

    public int Count(string instanceId, string nodeId) => _entries.Count(e => e.InstanceId == instanceId && e.NodeId == nodeId);
}

/// <summary>Records that it ran, then continues.</summary>
public sealed class RecordActivity(ExecutionLog log, HostName host) : IActivityType
{
    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Record",
        DisplayName = "Record",
        Description = "Test: records each execution.",
        Settings = [new() { Name = "variable", Label = "Variable", Kind = SettingKind.Text }],
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        log.Add(context.InstanceId, context.NodeId, context.Attempt, host.Name);
        if (context.GetString("variable") is { } name) context.Variables[name] = context.NodeId;
        return ValueTask.FromResult(ActivityResult.Done(new JsonObject { ["ran"] = context.NodeId }));
    }
}

/// <summary>Names the runtime a test activity ran in.</summary>
public sealed record HostName(string Name);

/// <summary>Fails its first <c>failures</c> attempts with <c>kind</c> (optionally asking for a retry-after), then succeeds.</summary>
public sealed class FlakyActivity(ExecutionLog log) : IActivityType
{
    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Flaky",
        DisplayName = "Flaky",
        Description = "Test: fails a number of times.",
        Settings =
        [
            new() { Name = "failures", Label = "Failures", Kind = SettingKind.Integer, Required = true, Minimum = 0 },
            new() { Name = "kind", Label = "Error kind", Kind = SettingKind.Text },
            new() { Name = "retryAfterSeconds", Label = "Retry-After", Kind = SettingKind.Integer },
        ],
    };

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        log.Add(context.InstanceId, context.NodeId, context.Attempt, "flaky");
        var failures = context.Settings["failures"]!.GetValue<int>();
        // Counts executions rather than attempts, so an operator's retry (attempts start again) can succeed.
        if (log.Count(context.InstanceId, context.NodeId) <= failures)
        {
            var retryAfter = context.Settings["retryAfterSeconds"]?.GetValue<int>() is { } s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
            throw new ActivityException(context.GetString("kind", "Transient")!, $"failure {context.Attempt}", retryAfter);
        }

        return ValueTask.FromResult(ActivityResult.Done());
    }
}

/// <summary>Waits until its cancellation token fires (a start-to-close timeout, a cancel or a stop).</summary>
public sealed class HangActivity(ExecutionLog log) : IActivityType
{
    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Hang",
        DisplayName = "Hang",
        Description = "Test: never finishes by itself.",
    };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        log.Add(context.InstanceId, context.NodeId, context.Attempt, "hang");
        await Task.Delay(Timeout.InfiniteTimeSpan, context.CancellationToken);
        return ActivityResult.Done();
    }
}

/// <summary>Takes <c>milliseconds</c> of (the runtime's) time, recording when it starts.</summary>
public sealed class SleepActivity(ExecutionLog log, HostName host) : IActivityType
{
    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "Sleep",
        DisplayName = "Sleep",
        Description = "Test: takes a while.",
        Settings = [new() { Name = "milliseconds", Label = "Milliseconds", Kind = SettingKind.Integer, Required = true, Minimum = 0 }],
    };

    public async ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        log.Add(context.InstanceId, context.NodeId, context.Attempt, host.Name);
        await Task.Delay(TimeSpan.FromMilliseconds(context.Settings["milliseconds"]!.GetValue<int>()), context.Time, context.CancellationToken);
        return ActivityResult.Done();
    }
}
