namespace ReviewDesk.Workflows.Designer;

/// <summary>Where the designer's test runs keep their throwaway databases, bound from <c>Designer:TestRuns</c>.</summary>
public sealed class TestRunOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Designer:TestRuns";

    /// <summary>The folder under which each run gets a folder of its own, deleted when the run ends.</summary>
    public string Directory { get; set; } = Path.Combine(Path.GetTempPath(), "reviewdesk-test-runs");
}
