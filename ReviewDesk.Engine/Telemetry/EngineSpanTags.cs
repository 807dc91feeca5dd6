namespace ReviewDesk.Engine.Telemetry;

/// <summary>The attributes of the engine's spans: ids, types, counts and outcomes; never a payload.</summary>
public static class EngineSpanTags
{
    /// <summary>The workflow instance id.</summary>
    public const string InstanceId = "workflow.instance.id";
    /// <summary>The instance's business key (an id such as a ticket id).</summary>
    public const string BusinessKey = "workflow.business_key";
    /// <summary>The definition id.</summary>
    public const string DefinitionId = "workflow.definition.id";
    /// <summary>The definition version.</summary>
    public const string DefinitionVersion = "workflow.definition.version";
    /// <summary>The node a step runs.</summary>
    public const string NodeId = "workflow.node.id";
    /// <summary>The node's activity type.</summary>
    public const string ActivityType = "workflow.activity.type";
    /// <summary>The attempt number of the step.</summary>
    public const string Attempt = "workflow.attempt";
    /// <summary>Execute, Resume or Timer.</summary>
    public const string WorkKind = "workflow.work_item.kind";
    /// <summary>The nodes that ran inline in the step, committed with it (absent when none did).</summary>
    public const string InlineNodes = "workflow.step.inline_nodes";
    /// <summary>Completed, Suspended or Failed.</summary>
    public const string StepStatus = "workflow.step.status";
    /// <summary>The outcome a completed step took.</summary>
    public const string Outcome = "workflow.step.outcome";
    /// <summary>The kind of a bookmark a resume is for.</summary>
    public const string BookmarkKind = "workflow.bookmark.kind";
    /// <summary>Whether a resume found its bookmark (delivered) or was kept for later.</summary>
    public const string Delivered = "workflow.resume.delivered";
}
