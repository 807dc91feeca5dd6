using System.Text.Json.Nodes;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Designer;
using ReviewDesk.Workflows.Designer;

namespace ReviewDesk.Tests.Workflows.Designer;

public sealed class DesignerSessionTests
{
    [Fact]
    public void AddNode_FirstNode_BecomesStartWithIdAndLabelFromItsType()
    {
        var session = DesignerSessions.Empty();

        var first = session.AddNode("ScrubPii", new NodePosition(10, 20));
        var second = session.AddNode("ScrubPii");

        Assert.Equal("scrubPii", first.Id);
        Assert.Equal("scrubPii2", second.Id);
        Assert.Equal("Scrub PII", first.DisplayName);
        Assert.Equal("scrubPii", session.Definition.StartNodeId);
        Assert.Equal(new NodePosition(10, 20), session.Definition.FindNode("scrubPii")!.Position);
        Assert.Equal("scrubPii2", session.SelectedNodeId);
        Assert.True(session.IsDirty);
    }

    [Fact]
    public void AddNode_UnknownType_Throws()
    {
        var session = DesignerSessions.Empty();

        Assert.Throws<ArgumentException>(() => session.AddNode("NoSuchActivity"));
        Assert.False(session.CanUndo);
    }

    [Fact]
    public void Connect_OutcomePortToNode_ReplacesThatOutcomesEarlierConnection()
    {
        var session = DesignerSessions.Empty();
        var decide = session.AddNode("Decide");
        var a = session.AddNode("NoOp");
        var b = session.AddNode("NoOp");

        Assert.True(session.Connect(decide.Id, "Route", a.Id));
        Assert.True(session.Connect(decide.Id, "Route", b.Id));
        Assert.True(session.Connect(decide.Id, "Review", a.Id));

        Assert.Equal(b.Id, session.Definition.NextNodeId(decide.Id, "Route"));
        Assert.Equal(a.Id, session.Definition.NextNodeId(decide.Id, "Review"));
        Assert.Equal(2, session.Definition.Connections.Count);
    }

    [Fact]
    public void Connect_UnknownOutcomeSelfOrMissingNode_IsRefused()
    {
        var session = DesignerSessions.Empty();
        var decide = session.AddNode("Decide");
        var next = session.AddNode("NoOp");

        Assert.False(session.Connect(decide.Id, "Done", next.Id));
        Assert.False(session.Connect(decide.Id, "Route", decide.Id));
        Assert.False(session.Connect(decide.Id, "Route", "nowhere"));
        Assert.True(session.Connect(decide.Id, "Failed", next.Id));
        Assert.False(session.Connect(decide.Id, "Failed", next.Id));
    }

    [Fact]
    public void DeleteNode_RemovesItsConnectionsAndTheStart_ValidationSaysSo()
    {
        var session = DesignerSessions.Empty();
        var scrub = session.AddNode("ScrubPii");
        var noop = session.AddNode("NoOp");
        session.Connect(scrub.Id, "Done", noop.Id);

        Assert.True(session.DeleteNode(scrub.Id));

        Assert.Empty(session.Definition.Connections);
        Assert.Null(session.Definition.StartNodeId);
        Assert.Contains(session.Errors, e => e.Message == "the definition has no start node");
        Assert.False(session.DeleteNode(scrub.Id));
    }

    [Fact]
    public void MoveNode_RoundsAndIgnoresTheSamePosition()
    {
        var session = DesignerSessions.Empty();
        var node = session.AddNode("NoOp", new NodePosition(0, 0));
        var revision = session.Revision;

        Assert.True(session.MoveNode(node.Id, new NodePosition(100.4, 50.6)));
        Assert.False(session.MoveNode(node.Id, new NodePosition(100, 51)));

        Assert.Equal(new NodePosition(100, 51), session.Definition.FindNode(node.Id)!.Position);
        Assert.Equal(revision + 1, session.Revision);
    }

    [Fact]
    public void UndoRedo_WalkBackAndForthThroughEdits_ANewEditClearsRedo()
    {
        var session = DesignerSessions.Empty();
        var scrub = session.AddNode("ScrubPii");
        var noop = session.AddNode("NoOp");
        session.Connect(scrub.Id, "Done", noop.Id);

        Assert.True(session.Undo());
        Assert.Empty(session.Definition.Connections);
        Assert.True(session.Undo());
        Assert.Single(session.Definition.Nodes);
        Assert.True(session.Redo());
        Assert.Equal(2, session.Definition.Nodes.Count);
        Assert.True(session.CanRedo);

        session.MoveNode(scrub.Id, new NodePosition(5, 5));

        Assert.False(session.CanRedo);
        Assert.False(session.Redo());
        Assert.Empty(session.Definition.Connections);
    }

    [Fact]
    public void Undo_BackToTheSavedDocument_IsNotDirty()
    {
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());
        Assert.False(session.IsDirty);

        session.MoveNode("decide", new NodePosition(1, 1));
        Assert.True(session.IsDirty);
        session.Undo();

        Assert.False(session.IsDirty);
        Assert.Empty(session.Errors);
    }

    [Fact]
    public void LiveValidation_ErrorsNameTheOffendingNode()
    {
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());

        session.Disconnect("decide", "Route");
        session.Disconnect("review", "Approved");

        var error = Assert.Single(session.Errors);
        Assert.Equal("route", error.NodeId);
        Assert.Contains("cannot be reached", error.Message, StringComparison.Ordinal);
        Assert.Single(session.ErrorsFor("route"));
        Assert.Empty(session.ErrorsFor("decide"));
    }

    [Theory]
    [InlineData("threshold", "1.5", "Confidence threshold must be at most 1")]
    [InlineData("threshold", "abc", "Confidence threshold must be a number such as 0.8")]
    [InlineData("auditPercent", "-1", "Audit sample (%) must be at least 0")]
    [InlineData("alwaysReview", "perhaps", "Always review must be true or false")]
    public void SetSetting_TextThatDoesNotFitTheSchema_IsRefusedWithTheReason(string name, string text, string expected)
    {
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());

        var error = session.SetSetting("decide", name, text);

        Assert.Equal(expected, error);
        Assert.False(session.IsDirty);
    }

    [Fact]
    public void SetSetting_ValidText_IsStoredWithItsKindAndEmptyRemovesIt()
    {
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());

        Assert.Null(session.SetSetting("decide", "threshold", "0.65"));
        Assert.Null(session.SetSetting("decide", "alwaysReview", "true"));
        Assert.Null(session.SetSetting("review", "deadline", "04:00:00"));
        Assert.Null(session.SetSetting("classify", "provider", "gpt"));
        Assert.Null(session.SetSetting("decide", "auditPercent", ""));

        var decide = session.Definition.FindNode("decide")!;
        Assert.Equal(0.65, decide.Settings["threshold"]!.GetValue<double>());
        Assert.True(decide.Settings["alwaysReview"]!.GetValue<bool>());
        Assert.False(decide.Settings.ContainsKey("auditPercent"));
        Assert.Equal("04:00:00", session.Definition.FindNode("review")!.Settings["deadline"]!.GetValue<string>());
        Assert.Equal("gpt", session.Definition.FindNode("classify")!.Settings["provider"]!.GetValue<string>());
        Assert.Empty(session.Errors);
    }

    [Fact]
    public void SetSetting_DurationBelowItsMinimumOrARoutingTableThatIsNotAMap_IsRefused()
    {
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());

        Assert.Equal("Deadline must be at least 60", session.SetSetting("review", "deadline", "00:00:30"));
        Assert.StartsWith("Queue by category is not valid JSON", session.SetSetting("route", "routes", "{ billing: "), StringComparison.Ordinal);
        Assert.Equal("routes must be an object that maps categories to queue names", session.SetSetting("route", "routes", "[1, 2]"));
        Assert.Equal("Queue by category is required", session.SetSetting("route", "routes", ""));
        Assert.False(session.IsDirty);
    }

    [Fact]
    public void SetRetry_EachFieldIsValidatedOverTheDefaults()
    {
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());

        Assert.Equal("Initial interval must be a duration such as 00:00:05", session.SetRetry("decide", RetryField.InitialInterval, "soon"));
        Assert.Equal("retry backoff coefficient must be at least 1", session.SetRetry("decide", RetryField.BackoffCoefficient, "0.5"));
        Assert.Equal("retry maximum attempts must be at least 1", session.SetRetry("decide", RetryField.MaximumAttempts, "0"));
        Assert.Equal("Maximum attempts must be a whole number", session.SetRetry("decide", RetryField.MaximumAttempts, "2.5"));
        // Default maximum interval is 100 s: an initial interval above it makes the policy invalid.
        Assert.Equal("retry maximum interval must not be below the initial interval", session.SetRetry("decide", RetryField.InitialInterval, "00:05:00"));
        Assert.False(session.IsDirty);

        Assert.Null(session.SetRetry("decide", RetryField.MaximumAttempts, "3"));
        Assert.Null(session.SetRetry("decide", RetryField.StartToCloseTimeout, "00:00:30"));
        Assert.Null(session.SetRetry("decide", RetryField.NonRetryableErrorKinds, "Rejected, PiiBlocked"));
        var retry = session.Definition.FindNode("decide")!.Retry!;
        Assert.Equal(3, retry.MaximumAttempts);
        Assert.Equal(TimeSpan.FromSeconds(30), retry.StartToCloseTimeout);
        Assert.Equal(["Rejected", "PiiBlocked"], retry.NonRetryableErrorKinds);

        Assert.Null(session.SetRetry("decide", RetryField.MaximumAttempts, ""));
        Assert.Null(session.SetRetry("decide", RetryField.StartToCloseTimeout, ""));
        Assert.Null(session.SetRetry("decide", RetryField.NonRetryableErrorKinds, ""));
        Assert.Null(session.Definition.FindNode("decide")!.Retry);
    }

    [Fact]
    public void SetSelection_RuleWithoutConditionsOrBadPercent_IsRefused()
    {
        var session = DesignerSessions.Empty();

        Assert.Equal("give at least one channel, e-mail domain or percentage", session.SetSelection(new VariantSelection()));
        Assert.Equal("the percentage must be between 0 and 100", session.SetSelection(new VariantSelection { Percent = 120 }));
        Assert.Null(session.SetSelection(new VariantSelection { EmailDomains = ["vip.example"] }));
        Assert.Equal(["vip.example"], session.Definition.Selection!.EmailDomains);
    }

    [Fact]
    public void AutoLayout_PlacesNodesInColumnsByDistanceFromTheStart()
    {
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());

        session.AutoLayout();

        double X(string id) => session.Definition.FindNode(id)!.Position!.X;
        Assert.True(X("scrub") < X("classify"));
        Assert.True(X("classify") < X("decide"));
        Assert.True(X("decide") < X("review"));
        Assert.True(X("review") < X("route"));
        Assert.Equal(session.Definition.Nodes.Count, session.Definition.Nodes.Select(n => n.Position).Distinct().Count());
        Assert.True(session.Undo());
    }

    [Fact]
    public void Compare_NamesChangedNodesSettingsAndConnections()
    {
        var before = DesignerSessions.SupportTriage();
        var session = DesignerSessions.New(before);
        session.SetSetting("decide", "threshold", "0.9");
        var audit = session.AddNode("SetVariable");
        session.Connect("decide", "Route", audit.Id);
        session.MoveNode("scrub", new NodePosition(0, 0));

        var changes = DefinitionComparer.Compare(before, session.Definition);

        Assert.Contains(changes, c => c is { Kind: DefinitionChangeKind.Changed, NodeId: "decide", What: "setting threshold", Before: "0.8", After: "0.9" });
        Assert.Contains(changes, c => c is { Kind: DefinitionChangeKind.Added, NodeId: "setVariable", What: "node", After: "SetVariable" });
        Assert.Contains(changes, c => c is { Kind: DefinitionChangeKind.Changed, NodeId: "decide", What: "connection Route", Before: "route", After: "setVariable" });
        Assert.DoesNotContain(changes, c => c.NodeId == "scrub");
    }

    [Fact]
    public void SettingText_FormatsStoredValuesForTheEditor()
    {
        Assert.Equal("", SettingText.Format((JsonNode?)null));
        Assert.Equal("04:00:00", SettingText.Format(JsonValue.Create("04:00:00")));
        Assert.Equal("0.8", SettingText.Format(JsonValue.Create(0.8)));
        Assert.Equal("00:00:02", SettingText.Format(new RetryPolicySettings { InitialInterval = TimeSpan.FromSeconds(2) }, RetryField.InitialInterval));
    }
}
