using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Engine.Designer;

/// <summary>The answer to a designer command: the version it saved or published, or why it did not.</summary>
/// <param name="Version">The version written, when it succeeded.</param>
/// <param name="Errors">Problems, each naming its node where it has one.</param>
public sealed record DesignerResult(DefinitionVersionInfo? Version, IReadOnlyList<ValidationError> Errors)
{
    /// <summary>Whether the command succeeded.</summary>
    public bool Succeeded => Errors.Count == 0;

    /// <summary>A success.</summary>
    public static DesignerResult Ok(DefinitionVersionInfo version) => new(version, []);

    /// <summary>A failure with one message that concerns no node.</summary>
    public static DesignerResult Failed(string message) => new(null, [new ValidationError(null, message)]);
}
