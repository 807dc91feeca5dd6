using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Web.Api;

/// <summary>A workflow definition in the list: its name, newest and published versions, and every version newest first.</summary>
public sealed record WorkflowSummary(string Id, string Name, int LatestVersion, int? PublishedVersion, IReadOnlyList<DefinitionVersionInfo> Versions);
