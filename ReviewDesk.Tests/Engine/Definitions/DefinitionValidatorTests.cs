using System.Text.Json.Nodes;
using ReviewDesk.Engine.Definitions;
using static ReviewDesk.Tests.Support.Flows;

namespace ReviewDesk.Tests.Engine.Definitions;

public sealed class DefinitionValidatorTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private RuntimeHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await RuntimeHost.StartAsync(_database, worker: false);

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _database.Dispose();
    }

    private IReadOnlyList<ValidationError> Validate(WorkflowDefinition definition) =>
        ((DefinitionValidator)_host.Services.GetService(typeof(DefinitionValidator))!).Validate(definition);

    [Fact]
    public void Validate_UnknownActivityType_NamesTheNode()
    {
        var errors = Validate(Line("d", Node("a", "NoOp"), Node("b", "Teleport")));

        var error = Assert.Single(errors);
        Assert.Equal("b", error.NodeId);
        Assert.Contains("node 'b'", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown activity type 'Teleport'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateAndMissingIds_NameTheNodes()
    {
        var errors = Validate(Line("d", Node("a", "NoOp"), Node("a", "NoOp"), Node("", "NoOp")));

        Assert.Contains(errors, e => e.NodeId == "a" && e.Message.Contains("used by more than one node", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.NodeId == "#3" && e.Message.Contains("has no id", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_DanglingConnection_NamesTheSourceNode()
    {
        var errors = Validate(Line("d", Node("a", "NoOp")).With(Connect("a", "Done", "ghost")));

        var error = Assert.Single(errors);
        Assert.Equal("a", error.NodeId);
        Assert.Contains("'ghost', which does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnreachableNode_NamesIt()
    {
        var definition = Line("d", Node("a", "NoOp")) with { Nodes = [Node("a", "NoOp"), Node("island", "NoOp")] };

        var error = Assert.Single(Validate(definition));
        Assert.Equal("island", error.NodeId);
        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoStartNode_IsAnError()
    {
        var errors = Validate(Line("d", Node("a", "NoOp")) with { StartNodeId = null });

        Assert.Contains(errors, e => e.Message == "the definition has no start node");
    }

    [Fact]
    public void Validate_SettingsThatFailTheActivitysSchema_NameTheNode()
    {
        var definition = Line("d",
            Node("wait", "Delay", new JsonObject { ["duration"] = "soon" }),
            Node("set", "SetVariable", new JsonObject { ["value"] = 1, ["colour"] = "red" }));

        var errors = Validate(definition);

        Assert.Contains(errors, e => e.NodeId == "wait" && e.Message.Contains("'duration' must be a duration", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.NodeId == "set" && e.Message.Contains("'name' is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.NodeId == "set" && e.Message.Contains("unknown setting 'colour'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_InvalidRetryPolicyAndUnknownOutcome_NameTheNode()
    {
        var definition = Line("d", Node("a", "NoOp", retry: new RetryPolicySettings { BackoffCoefficient = 0.5, MaximumAttempts = 0 }), Node("b", "NoOp"))
            .With(Connect("a", "Sideways", "b"));

        var errors = Validate(definition);

        Assert.Contains(errors, e => e.NodeId == "a" && e.Message.Contains("backoff coefficient must be at least 1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.NodeId == "a" && e.Message.Contains("maximum attempts must be at least 1", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.NodeId == "a" && e.Message.Contains("has no outcome 'Sideways'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ValidDefinition_HasNoErrors()
    {
        var definition = Line("d", Node("a", "NoOp"), Node("w", "WaitForSignal", new JsonObject { ["kind"] = "go", ["timeout"] = "01:00:00" }), Node("b", "NoOp"))
            .With(Connect("w", "TimedOut", "b"), Connect("a", "Failed", "b"));

        Assert.Empty(Validate(definition));
    }

    [Fact]
    public void Parse_NotADefinition_ThrowsWithTheReason()
    {
        var ex = Assert.Throws<DefinitionFormatException>(() => DefinitionJson.Parse("{\"id\": 5"));

        Assert.StartsWith("Invalid workflow definition JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SerializeThenParse_RoundTripsTheDefinition()
    {
        var definition = Line("d", Node("a", "Delay", new JsonObject { ["duration"] = "00:01:00" }, new RetryPolicySettings { MaximumAttempts = 2 }), Node("b", "NoOp"));

        var parsed = DefinitionJson.Parse(DefinitionJson.Serialize(definition, indented: true));

        Assert.Equal(DefinitionJson.Serialize(definition), DefinitionJson.Serialize(parsed));
    }
}
