namespace ReviewDesk.Engine.Designer;

/// <summary>What a document changes compared with the version of its definition that is published now.</summary>
/// <param name="PublishedVersion">The published version compared with.</param>
/// <param name="Changes">The changes from that version to the document.</param>
public sealed record PublishedComparison(int PublishedVersion, IReadOnlyList<DefinitionChange> Changes);
