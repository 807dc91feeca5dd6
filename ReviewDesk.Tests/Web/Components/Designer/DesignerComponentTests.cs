using Bunit;
using ReviewDesk.Engine.Designer;
using ReviewDesk.Tests.Workflows.Designer;
using ReviewDesk.Web.Components.Designer;
using ReviewDesk.Workflows.Designer;

namespace ReviewDesk.Tests.Web.Components.Designer;

/// <summary>The designer's toolbox and property panels, rendered with bUnit over a real <see cref="DesignerSession"/>.</summary>
public sealed class DesignerComponentTests : BunitTestContext
{
    private static AngleSharp.Dom.IElement Field(IRenderedComponent<NodePropertiesPanel> panel, string testId) =>
        panel.Find($"[data-testid={testId}] input, input[data-testid={testId}], [data-testid={testId}] textarea, textarea[data-testid={testId}]");

    private IRenderedComponent<NodePropertiesPanel> RenderPanel(DesignerSession session, string nodeId)
    {
        RenderPopoverProvider();
        return Render<NodePropertiesPanel>(p => p.Add(c => c.Session, session).Add(c => c.Node, session.Definition.FindNode(nodeId)!));
    }

    [Fact]
    public void Toolbox_ListsTheRegistryByCategory_AndItsAddButtonAddsANode()
    {
        var session = DesignerSessions.Empty();
        var toolbox = Render<DesignerToolbox>(p => p.Add(c => c.Session, session).Add(c => c.Add, (string type) => session.AddNode(type)));

        Assert.Equal(DesignerSessions.Registry.Descriptors.Count, toolbox.FindAll("[data-testid=toolbox-item]").Count);
        Assert.Contains("Labels category, priority", toolbox.Find("[data-testid=toolbox-item][data-type=Classify]").TextContent, StringComparison.Ordinal);

        toolbox.Find("[data-testid=toolbox-item][data-type=Decide] [data-testid=toolbox-add]").Click();

        var node = Assert.Single(session.Definition.Nodes);
        Assert.Equal("Decide", node.Type);
        Assert.Equal(node.Id, session.Definition.StartNodeId);
    }

    [Fact]
    public void PropertyPanel_IsGeneratedFromTheSettingsSchema_WithRetryFields()
    {
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());

        var panel = RenderPanel(session, "decide");

        Assert.Equal(["threshold", "auditPercent", "alwaysReview"], panel.FindAll("[data-testid=setting]").Select(e => e.GetAttribute("data-setting")));
        Assert.Equal("0.8", Field(panel, "setting-threshold").GetAttribute("value"));
        Assert.Equal(Enum.GetValues<RetryField>().Length, panel.FindAll("[data-testid^=retry-]").Count);
        Assert.Contains("Default: 0.8", panel.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void PropertyPanel_InvalidValue_ShowsTheReasonInlineAndChangesNothing()
    {
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());
        var panel = RenderPanel(session, "decide");

        Field(panel, "setting-threshold").Change("1.5");

        panel.WaitForAssertion(() => Assert.Contains("Confidence threshold must be at most 1", panel.Markup, StringComparison.Ordinal));
        Assert.Equal(0.8, session.Definition.FindNode("decide")!.Settings["threshold"]!.GetValue<double>());
        Assert.False(session.IsDirty);

        Field(panel, "setting-threshold").Change("0.7");

        panel.WaitForAssertion(() => Assert.DoesNotContain("must be at most", panel.Markup, StringComparison.Ordinal));
        Assert.Equal(0.7, session.Definition.FindNode("decide")!.Settings["threshold"]!.GetValue<double>());
        Assert.True(session.CanUndo);
    }

    [Fact]
    public void PropertyPanel_RetryPolicyFields_AreValidatedInline()
    {
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());
        var panel = RenderPanel(session, "classify");

        Field(panel, "retry-BackoffCoefficient").Change("0.5");
        Field(panel, "retry-MaximumAttempts").Change("many");
        Field(panel, "retry-StartToCloseTimeout").Change("00:00:45");

        panel.WaitForAssertion(() =>
        {
            Assert.Contains("retry backoff coefficient must be at least 1", panel.Markup, StringComparison.Ordinal);
            Assert.Contains("Maximum attempts must be a whole number", panel.Markup, StringComparison.Ordinal);
        });
        var retry = session.Definition.FindNode("classify")!.Retry!;
        Assert.Equal(2, retry.BackoffCoefficient);
        Assert.Equal(4, retry.MaximumAttempts);
        Assert.Equal(TimeSpan.FromSeconds(45), retry.StartToCloseTimeout);
    }

    [Fact]
    public void PropertyPanel_ShowsTheNodesValidationErrors_AndDeletesTheNode()
    {
        var session = DesignerSessions.New(DesignerSessions.SupportTriage());
        session.Disconnect("decide", "Route");
        session.Disconnect("review", "Approved");
        var panel = RenderPanel(session, "route");

        Assert.Contains("cannot be reached from the start node", panel.Find("[data-testid=node-error]").TextContent, StringComparison.Ordinal);

        panel.Find("[data-testid=node-delete]").Click();

        Assert.Null(session.Definition.FindNode("route"));
        Assert.Empty(session.Errors);
        session.Undo();
        Assert.NotNull(session.Definition.FindNode("route"));
    }

    [Fact]
    public void DefinitionPanel_VariantRuleWithABadPercentage_IsRefusedInline()
    {
        var session = DesignerSessions.New(DesignerSessions.SupportTriage() with { Id = "variant" });
        RenderPopoverProvider();
        var panel = Render<DefinitionPropertiesPanel>(p => p.Add(c => c.Session, session));

        panel.Find("[data-testid=selection-enabled] input, input[data-testid=selection-enabled]").Change(true);
        panel.Find("[data-testid=selection-percent] input, input[data-testid=selection-percent]").Change("120");
        panel.Find("[data-testid=selection-apply]").Click();

        panel.WaitForAssertion(() => Assert.Equal("the percentage must be between 0 and 100", panel.Find("[data-testid=selection-error]").TextContent));
        Assert.Null(session.Definition.Selection);

        panel.Find("[data-testid=selection-percent] input, input[data-testid=selection-percent]").Change("25");
        panel.Find("[data-testid=selection-channels] input, input[data-testid=selection-channels]").Change("Chat, email");
        panel.Find("[data-testid=selection-apply]").Click();

        Assert.Equal(25, session.Definition.Selection!.Percent);
        Assert.Equal(["chat", "email"], session.Definition.Selection.Channels);
    }
}
