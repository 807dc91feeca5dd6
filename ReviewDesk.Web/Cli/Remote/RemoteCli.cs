using System.CommandLine;
using System.CommandLine.Help;

namespace ReviewDesk.Web.Cli.Remote;

/// <summary>
/// The verbs that talk to a running server over the HTTP API: <c>tickets</c>, <c>reviews</c>,
/// <c>workflows</c> and <c>models</c> (System.CommandLine). Usage errors exit 2 with one line on stderr; <c>--help</c>
/// works on every verb and sub-verb.
/// </summary>
public static class RemoteCli
{
    public static IReadOnlySet<string> Verbs { get; } = new HashSet<string>(StringComparer.Ordinal) { "tickets", "reviews", "workflows", "models" };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        var runner = new RemoteVerbRunner(output, error, environment);
        var root = new RootCommand("ReviewDesk's command line for a running server (HTTP API, X-Api-Key)")
        {
            TicketsVerb.Create(runner), ReviewsVerb.Create(runner), WorkflowsVerb.Create(runner), ModelsVerb.Create(runner),
        };
        // --version belongs to 'workflows export'; the root's own --version would shadow it.
        root.Options.Remove(root.Options.OfType<VersionOption>().Single());
        root.Options.Add(runner.Server);
        root.Options.Add(runner.ApiKey);
        root.Options.Add(runner.Json);

        // No response files: a comment or subject that starts with '@' is text, not a file to read.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Action is not HelpAction && parse.Errors.Count > 0)
        {
            var verb = RemoteVerbRunner.VerbPath(parse);
            await error.WriteLineAsync($"{(verb.Length > 0 ? verb : "reviewdesk")}: {ProblemLine.OneLine(string.Join(' ', parse.Errors.Select(e => e.Message).Distinct()))} (see --help)");
            return CliExitCode.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }
}
