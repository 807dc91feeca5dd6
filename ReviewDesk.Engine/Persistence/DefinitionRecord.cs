using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Engine.Persistence;

/// <summary>One version of a workflow definition.</summary>
public sealed class DefinitionRecord
{
    /// <summary>Surrogate key.</summary>
    public long Id { get; set; }
    /// <summary>The definition id shared by all versions.</summary>
    public required string DefinitionId { get; set; }
    /// <summary>Version number, 1-based.</summary>
    public int Version { get; set; }
    /// <summary>Name at this version.</summary>
    public required string Name { get; set; }
    /// <summary>Draft, published or retracted.</summary>
    public DefinitionStatus Status { get; set; }
    /// <summary>The definition document.</summary>
    public required string Json { get; set; }
    /// <summary>When this version was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>When it was published.</summary>
    public DateTimeOffset? PublishedAt { get; set; }
    /// <summary>Who created or published it.</summary>
    public string? Author { get; set; }
}
