using System.Diagnostics;

namespace ReviewDesk.Engine.Telemetry;

/// <summary>
/// The W3C <c>traceparent</c> text stored with work items, bookmarks and resumes, so a step that runs later (after a
/// restart, on another node) continues the trace of the request that caused it.
/// </summary>
internal static class TraceParent
{
    /// <summary>The traceparent of <paramref name="context"/>; null when it is not a real trace (nothing was traced).</summary>
    public static string? Format(ActivityContext context) =>
        context == default ? null
            : $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{((context.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00")}";

    /// <summary>The context a stored traceparent names (marked remote); default for none or a malformed one.</summary>
    public static ActivityContext Parse(string? traceParent) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, null, isRemote: true, out var context) ? context : default;

    /// <summary>The traceparent of <paramref name="span"/>, or of <paramref name="fallback"/> when nothing listens to the engine's spans.</summary>
    public static string? Of(Activity? span, ActivityContext fallback) => Format(span?.Context ?? fallback);
}
