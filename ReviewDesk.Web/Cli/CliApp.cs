using ReviewDesk.Web.Cli.Remote;

namespace ReviewDesk.Web.Cli;

/// <summary>
/// Command-line verbs of the ReviewDesk.Web executable. Offline verbs (<c>pii</c>, <c>triage</c>, <c>evaluate</c>)
/// need no server; <c>tickets</c>, <c>reviews</c>, <c>workflows</c> and <c>models</c> talk to a running one
/// (<see cref="RemoteCli"/>). Only no verb (host options such as <c>--urls</c> alone) or <c>serve</c>
/// starts the web host; any other word is an unknown command.
/// </summary>
public static class CliApp
{
    /// <summary>The verb that starts the web host explicitly; what follows it are the host's options.</summary>
    public const string ServeVerb = "serve";

    private const string Usage = "usage: ReviewDesk.Web [serve|pii|triage|evaluate|tickets|reviews|workflows|models] [--help]   (no verb: run the server)";

    private static readonly Dictionary<string, Func<string[], TextWriter, TextWriter, Task<int>>> Verbs = new(StringComparer.Ordinal)
    {
        ["pii"] = PiiCommand.RunAsync,
        ["triage"] = TriageCommand.RunAsync,
        ["evaluate"] = EvaluateCommand.RunAsync,
    };

    /// <summary>Runs a verb and returns its exit code, or null when the command line asks for the server (no verb, or <c>serve</c>).</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where results go (default stdout).</param>
    /// <param name="error">Where reasons go (default stderr).</param>
    /// <param name="environment">Reads an environment variable (default the process's): the server verbs take REVIEWDESK_SERVER and REVIEWDESK_API_KEY from it.</param>
    public static async Task<int?> TryRunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, Func<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        switch (args)
        {
            case []:
            case [ServeVerb, ..]:
                return null;
            case ["--help" or "-h" or "help", ..]:
                await (output ?? Console.Out).WriteLineAsync(Usage);
                return 0;
            case [var option, ..] when option.StartsWith('-'):
                return null;
        }

        if (RemoteCli.Verbs.Contains(args[0]))
        {
            return await RemoteCli.RunAsync(args, output ?? Console.Out, error ?? Console.Error, environment ?? Environment.GetEnvironmentVariable);
        }

        if (Verbs.TryGetValue(args[0], out var verb)) return await verb(args[1..], output ?? Console.Out, error ?? Console.Error);

        await (error ?? Console.Error).WriteLineAsync($"unknown command '{args[0]}' (ReviewDesk.Web --help lists the commands)");
        return CliExitCode.Usage;
    }

    /// <summary>The web host's own arguments: the command line without a leading <c>serve</c>.</summary>
    /// <param name="args">A command line for which <see cref="TryRunAsync"/> returned null.</param>
    public static string[] ServerArguments(string[] args) => args is [ServeVerb, .. var rest] ? rest : args;
}
