using System.Diagnostics;

namespace ReviewDesk.Tests.Support.Web;

/// <summary>Runs the built ReviewDesk.Web executable (<c>dotnet ReviewDesk.Web.dll ...</c>) as a child process and collects what it printed.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>
    /// Runs a verb. REVIEWDESK_SERVER and REVIEWDESK_API_KEY are not inherited from the test run: they are
    /// what <paramref name="environment"/> says, or unset.
    /// </summary>
    public static async Task<Result> RunAsync(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WebAssemblyPath());
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment.Remove("REVIEWDESK_SERVER");
        start.Environment.Remove("REVIEWDESK_API_KEY");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var ct = TestContext.Current.CancellationToken;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>ReviewDesk.Web.dll in its own project's output (same configuration and framework as this test build).</summary>
    public static string WebAssemblyPath()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var repository = testOutput.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(repository, "ReviewDesk.Web", "bin", configuration, testOutput.Name, "ReviewDesk.Web.dll");
        Assert.True(File.Exists(path), $"ReviewDesk.Web is not built at {path}");
        return path;
    }
}
