namespace ReviewDesk.Web.Api;

/// <summary>The answer of <c>POST /api/workflows/validate</c> for a definition that can be published.</summary>
public sealed record DefinitionValidation(bool Valid);
