using ReviewDesk.Web.Cli.Remote;

namespace ReviewDesk.Web.Cli;

/// <summary>
/// Command-line verbs of the ReviewDesk.Web executable. Offline verbs (<c>pii</c>, <c>triage</c>)
/// need no server; <c>tickets</c>, <c>reviews</c> and <c>workflows</c> talk to a running one
/// (<see cref="RemoteCli"/>). Anything that is not a verb starts the web host.
/// </summary>
public static class CliApp
{
    private static readonly Dictionary<string, Func<string[], TextWriter, TextWriter, Task<int>>> Verbs = new(StringComparer.Ordinal)
    {
        ["pii"] = PiiCommand.RunAsync,
        ["triage"] = TriageCommand.RunAsync,
    };

    /// <summary>Runs a verb and returns its exit code, or null when <paramref name="args"/> names none (start the server).</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where results go (default stdout).</param>
    /// <param name="error">Where reasons go (default stderr).</param>
    /// <param name="environment">Reads an environment variable (default the process's): the server verbs take REVIEWDESK_SERVER and REVIEWDESK_API_KEY from it.</param>
    public static async Task<int?> TryRunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && RemoteCli.Verbs.Contains(args[0]))
        {
            return await RemoteCli.RunAsync(args, output ?? Console.Out, error ?? Console.Error, environment ?? Environment.GetEnvironmentVariable);
        }

        if (args.Length == 0 || !Verbs.TryGetValue(args[0], out var verb))
        {
            if (args is ["--help" or "-h" or "help", ..])
            {
                await (output ?? Console.Out).WriteLineAsync("usage: ReviewDesk.Web [pii|triage|tickets|reviews|workflows] [--help]   (no verb: run the server)");
                return 0;
            }

            return null;
        }

        return await verb(args[1..], output ?? Console.Out, error ?? Console.Error);
    }
}
