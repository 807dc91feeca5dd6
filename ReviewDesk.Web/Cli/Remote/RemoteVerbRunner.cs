using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReviewDesk.Web.Cli.Remote;

/// <summary>
/// What every server verb shares: the connection options (<c>--server</c>, <c>--api-key</c>, <c>--json</c>),
/// the client they make, and one place that turns every failure into a one-line reason and an exit code
/// (<see cref="CliExitCode"/>). The API key is sent, never printed.
/// </summary>
internal sealed class RemoteVerbRunner(TextWriter output, TextWriter error, Func<string, string?> environment)
{
    public const string ServerVariable = "REVIEWDESK_SERVER";
    public const string ApiKeyVariable = "REVIEWDESK_API_KEY";

    /// <summary>Where <c>run.sh</c> serves when neither <c>--server</c> nor <c>REVIEWDESK_SERVER</c> says otherwise.</summary>
    public static readonly Uri DefaultServer = new("http://127.0.0.1:5080/");

    public Option<string?> Server { get; } = new("--server")
    {
        Description = $"The ReviewDesk server's URL (default: ${ServerVariable}, else {DefaultServer.AbsoluteUri.TrimEnd('/')})",
        HelpName = "url",
        Recursive = true,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = $"The API key sent as X-Api-Key (default: ${ApiKeyVariable}; prefer the variable, command lines are visible to other users)",
        HelpName = "key",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the API's JSON answer as it came, for scripts",
        Recursive = true,
    };

    public TextWriter Output => output;

    /// <summary>Where problems go, line by line.</summary>
    public TextWriter Error => error;

    /// <summary>Whether the output is a terminal a progress bar can draw on (not redirected to a file or a test).</summary>
    public bool Interactive => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>Makes <paramref name="action"/> the command's action, run with a client for the chosen server.</summary>
    public void SetAction(Command command, Func<ParseResult, ReviewDeskApiClient, CancellationToken, Task> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var verb = VerbPath(parse);
            Uri server;
            string apiKey;
            try
            {
                (server, apiKey) = Connection(parse);
            }
            catch (CliUsageException ex)
            {
                return await FailAsync(verb, ex.Message, CliExitCode.Usage);
            }

            using var http = ReviewDeskApiClient.CreateHttpClient(server, apiKey);
            try
            {
                await action(parse, new ReviewDeskApiClient(http), cancellationToken);
                return CliExitCode.Success;
            }
            catch (CliUsageException ex)
            {
                return await FailAsync(verb, ex.Message, CliExitCode.Usage);
            }
            catch (ReviewDeskApiException ex)
            {
                return await FailAsync(verb, ex.Message, CliExitCode.ForStatus(ex.StatusCode));
            }
            catch (HttpRequestException ex)
            {
                return await FailAsync(verb, $"cannot reach {Origin(server)}: {ex.Message}", CliExitCode.Failure);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return await FailAsync(verb, $"{Origin(server)} did not answer within {http.Timeout.TotalSeconds:0} s", CliExitCode.Failure);
            }
            catch (JsonException ex)
            {
                return await FailAsync(verb, $"{Origin(server)} answered something that is not the API's JSON: {ex.Message}", CliExitCode.Failure);
            }
        });

    /// <summary>With <c>--json</c> the answer's body as it came; otherwise the readable form.</summary>
    public async Task WriteAsync(ParseResult parse, ApiResponse response, Func<JsonNode?, Task> readable)
    {
        if (parse.GetValue(Json))
        {
            await output.WriteLineAsync(response.Body);
            return;
        }

        await readable(response.Json);
    }

    /// <summary>"tickets show" for the command that was parsed.</summary>
    public static string VerbPath(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is CommandResult command; result = command.Parent)
        {
            if (command.Command is not RootCommand) names.Insert(0, command.Command.Name);
        }

        return string.Join(' ', names);
    }

    private (Uri Server, string ApiKey) Connection(ParseResult parse)
    {
        var serverText = NonEmpty(parse.GetValue(Server)) ?? NonEmpty(environment(ServerVariable));
        var server = DefaultServer;
        if (serverText is not null && !(Uri.TryCreate(serverText, UriKind.Absolute, out server!) && server.Scheme is "http" or "https"))
        {
            throw new CliUsageException($"the server '{serverText}' is not an http or https URL");
        }

        var apiKey = NonEmpty(parse.GetValue(ApiKey)) ?? NonEmpty(environment(ApiKeyVariable))
            ?? throw new CliUsageException($"no API key: pass --api-key or set {ApiKeyVariable}");
        return (server, apiKey);
    }

    private async Task<int> FailAsync(string verb, string reason, int exitCode)
    {
        await error.WriteLineAsync($"{verb}: {ProblemLine.OneLine(reason)}");
        return exitCode;
    }

    // Scheme, host and port: never user information a URL might carry.
    private static string Origin(Uri server) => $"{server.Scheme}://{server.Authority}";

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
