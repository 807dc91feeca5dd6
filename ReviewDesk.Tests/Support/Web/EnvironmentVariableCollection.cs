namespace ReviewDesk.Tests.Support.Web;

/// <summary>Tests that set process environment variables run alone: every host in the process would read them.</summary>
[CollectionDefinition(nameof(EnvironmentVariableCollection), DisableParallelization = true)]
public sealed class EnvironmentVariableCollection;
