namespace ReviewDesk.Engine.Telemetry;

/// <summary>The attributes of the engine's metrics: types and outcomes of bounded cardinality, never an id or a payload.</summary>
public static class EngineMetricTags
{
    /// <summary>The definition a workflow runs (a few per installation).</summary>
    public const string DefinitionId = EngineSpanTags.DefinitionId;
    /// <summary>The activity type of a step.</summary>
    public const string ActivityType = "activity.type";
    /// <summary>The outcome a step took; <c>Suspended</c> or <c>Failed</c> when it took none.</summary>
    public const string Outcome = "outcome";
    /// <summary>The error kind of a failed attempt (OpenTelemetry's <c>error.type</c>).</summary>
    public const string ErrorType = "error.type";
}
