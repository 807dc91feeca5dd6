namespace ReviewDesk.Engine.Designer;

/// <summary>How a part of a definition differs between two versions.</summary>
public enum DefinitionChangeKind
{
    /// <summary>Only in the newer version.</summary>
    Added,
    /// <summary>Only in the older version.</summary>
    Removed,
    /// <summary>In both, with different values.</summary>
    Changed,
}
