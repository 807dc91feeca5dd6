namespace ReviewDesk.Engine.Designer;

/// <summary>A definition as the <c>/workflows</c> list shows it: its versions, newest first, each with its instance count.</summary>
/// <param name="Id">The definition id.</param>
/// <param name="Name">The newest version's name.</param>
/// <param name="Versions">Every version, newest first.</param>
/// <param name="SelectionRule">The latest published version's variant rule in words, null when it has none (or is the default).</param>
public sealed record DefinitionSummary(string Id, string Name, IReadOnlyList<DefinitionVersionSummary> Versions, string? SelectionRule)
{
    /// <summary>The newest published version, the one new tickets run.</summary>
    public DefinitionVersionSummary? LatestPublished => Versions.FirstOrDefault(v => v.Info.Status == Definitions.DefinitionStatus.Published);

    /// <summary>The open draft, if any.</summary>
    public DefinitionVersionSummary? Draft => Versions.FirstOrDefault(v => v.Info.Status == Definitions.DefinitionStatus.Draft);

    /// <summary>Instances of every version.</summary>
    public int Instances => Versions.Sum(v => v.Instances);
}
