using System.CommandLine;
using System.Text.Json.Nodes;

namespace ReviewDesk.Web.Cli.Remote;

/// <summary><c>workflows list|export|import|publish</c> against <c>/api/workflows</c> (reading: Operator, Admin; changing: Admin).</summary>
internal static class WorkflowsVerb
{
    public static Command Create(RemoteVerbRunner runner) =>
        new("workflows", "List, export, import and publish workflow definitions (Operator reads; Admin imports and publishes)")
        {
            List(runner), Export(runner), Import(runner), Publish(runner),
        };

    private static Command List(RemoteVerbRunner runner)
    {
        var command = new Command("list", "List workflow definitions with their versions");
        runner.SetAction(command, async (parse, api, ct) =>
        {
            var response = await api.ListWorkflowsAsync(ct);
            await runner.WriteAsync(parse, response, workflows => TableWriter.WriteTableAsync(runner.Output,
                ["ID", "NAME", "LATEST", "PUBLISHED", "VERSIONS"],
                ApiJson.Items(workflows).Select(w => new[]
                {
                    ApiJson.Text(w["id"]), ApiJson.Text(w["name"]), ApiJson.Text(w["latestVersion"]), ApiJson.Text(w["publishedVersion"]),
                    string.Join(", ", ApiJson.Items(w["versions"]).Select(v => $"v{ApiJson.Text(v["version"])} {ApiJson.Text(v["status"])}")),
                })));
        });
        return command;
    }

    private static Command Export(RemoteVerbRunner runner)
    {
        var id = WorkflowId();
        var version = new Option<int?>("--version") { Description = "The version (default: the newest, whatever its status)" };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the definition to this file instead of stdout", HelpName = "file" };
        var command = new Command("export", "Export a definition version as a JSON file (import it elsewhere with 'workflows import')") { id, version, output };
        runner.SetAction(command, async (parse, api, ct) =>
        {
            var response = await api.ExportWorkflowAsync(parse.GetRequiredValue(id), parse.GetValue(version), ct);
            if (parse.GetValue(output) is not { } file)
            {
                await runner.Output.WriteLineAsync(response.Body);
                return;
            }

            await File.WriteAllTextAsync(file.FullName, response.Body, ct);
            if (!parse.GetValue(runner.Json)) await runner.Output.WriteLineAsync($"Wrote {file.FullName}.");
        });
        return command;
    }

    private static Command Import(RemoteVerbRunner runner)
    {
        var file = new Argument<FileInfo>("file") { Description = "A definition file, as 'workflows export' writes it" };
        var command = new Command("import", "Import a definition file as its id's draft (the file's version number is ignored)") { file };
        runner.SetAction(command, async (parse, api, ct) =>
        {
            var path = parse.GetRequiredValue(file);
            if (!path.Exists) throw new CliUsageException($"the file '{path.FullName}' does not exist");
            var response = await api.ImportWorkflowAsync(await File.ReadAllTextAsync(path.FullName, ct), ct);
            await runner.WriteAsync(parse, response, async saved =>
            {
                var info = saved?["info"];
                var name = $"{ApiJson.Text(info?["definitionId"])} v{ApiJson.Text(info?["version"])}";
                await runner.Output.WriteLineAsync($"Saved {name} as a {ApiJson.Text(info?["status"])}.");
                if (saved?["problems"] is JsonObject { Count: > 0 } problems)
                {
                    await runner.Output.WriteLineAsync("Publishing it would be refused:");
                    foreach (var (node, messages) in problems) await runner.Output.WriteLineAsync($"  {node}: {ApiJson.Text(messages)}");
                }
                else
                {
                    await runner.Output.WriteLineAsync($"It can be published: workflows publish {ApiJson.Text(info?["definitionId"])} {ApiJson.Text(info?["version"])}");
                }
            });
        });
        return command;
    }

    private static Command Publish(RemoteVerbRunner runner)
    {
        var id = WorkflowId();
        var version = new Argument<int>("version") { Description = "The draft version to publish" };
        var command = new Command("publish", "Publish a draft version: new tickets of this variant run it") { id, version };
        runner.SetAction(command, async (parse, api, ct) =>
        {
            var response = await api.PublishWorkflowAsync(parse.GetRequiredValue(id), parse.GetRequiredValue(version), ct);
            await runner.WriteAsync(parse, response, info => runner.Output.WriteLineAsync(
                $"Published {ApiJson.Text(info?["definitionId"])} v{ApiJson.Text(info?["version"])}."));
        });
        return command;
    }

    private static Argument<string> WorkflowId() => new("workflowId") { Description = "The definition's id (e.g. support-triage)" };
}
