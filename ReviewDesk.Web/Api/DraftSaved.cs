using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Web.Api;

/// <summary>
/// A saved draft. Drafts may be incomplete; <see cref="Problems"/> lists, by node id (or <c>definition</c>),
/// what publishing it would refuse, empty when it can be published.
/// </summary>
public sealed record DraftSaved(DefinitionVersionInfo Info, IReadOnlyDictionary<string, string[]> Problems);
