namespace ReviewDesk.Workflows.Ai;

/// <summary>
/// The versioned prompt of the Classify step, kept as the embedded resource
/// <c>Prompts/classify-ticket.v1.txt</c>. A changed prompt is a new file and a new <see cref="Version"/>,
/// so recorded classifications can say which prompt produced them.
/// </summary>
public static class ClassificationPrompt
{
    /// <summary>The version of <see cref="Template"/>.</summary>
    public const string Version = "classify-ticket.v1";

    /// <summary>The template's variable holding the redacted subject.</summary>
    public const string SubjectVariable = "subject";

    /// <summary>The template's variable holding the redacted body.</summary>
    public const string BodyVariable = "body";

    private static readonly Lazy<string> _template = new(() => Load(Version));

    /// <summary>
    /// The Semantic Kernel template: a system message with the instructions and a user message with
    /// <c>{{$subject}}</c> and <c>{{$body}}</c>.
    /// </summary>
    public static string Template => _template.Value;

    private static string Load(string version)
    {
        var name = $"ReviewDesk.Workflows.Ai.Prompts.{version}.txt";
        using var stream = typeof(ClassificationPrompt).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The prompt resource '{name}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
