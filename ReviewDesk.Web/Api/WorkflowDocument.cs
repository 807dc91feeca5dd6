using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Web.Api;

/// <summary>One version of a definition: its status and metadata, and the definition itself.</summary>
public sealed record WorkflowDocument(DefinitionVersionInfo Info, WorkflowDefinition Definition);
