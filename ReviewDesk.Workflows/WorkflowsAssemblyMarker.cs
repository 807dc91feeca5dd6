namespace ReviewDesk.Workflows;

/// <summary>Marks the ReviewDesk.Workflows assembly for scanning and test discovery.</summary>
public sealed class WorkflowsAssemblyMarker;
