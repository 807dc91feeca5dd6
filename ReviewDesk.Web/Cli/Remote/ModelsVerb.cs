using System.CommandLine;

namespace ReviewDesk.Web.Cli.Remote;

/// <summary><c>models list|retrain|promote VERSION</c> against <c>/api/models</c> (Admin).</summary>
internal static class ModelsVerb
{
    public static Command Create(RemoteVerbRunner runner) =>
        new("models", "List, retrain and promote (or roll back) the local model's versions learnt from reviewers (Admin)")
        {
            List(runner), Retrain(runner), Promote(runner),
        };

    private static Command List(RemoteVerbRunner runner)
    {
        var command = new Command("list", "List the versions with their held-out accuracy and macro-F1, and which one is active");
        runner.SetAction(command, async (parse, api, ct) =>
        {
            var response = await api.ListModelsAsync(ct);
            await runner.WriteAsync(parse, response, async models =>
            {
                await runner.Output.WriteLineAsync($"active: {ApiJson.Text(models?["active"])}");
                await TableWriter.WriteTableAsync(runner.Output,
                    ["VERSION", "STATUS", "ACCURACY", "MACRO-F1", "BASELINE", "HELD-OUT", "EXAMPLES", "TRIGGER", "BY", "CREATED"],
                    ApiJson.Items(models?["versions"]).Select(v => new[]
                    {
                        ApiJson.Text(v["version"]), ApiJson.Text(v["status"]), Figure(v["accuracy"]), Figure(v["macroF1"]),
                        $"{ApiJson.Text(v["baselineVersion"])} {Figure(v["baselineAccuracy"])}/{Figure(v["baselineMacroF1"])}",
                        ApiJson.Text(v["heldOutTickets"]), ApiJson.Text(v["reviewerExamples"]), ApiJson.Text(v["trigger"]),
                        ApiJson.Text(v["createdBy"]), ApiJson.Time(v["createdAt"]),
                    }));
            });
        });
        return command;
    }

    private static Command Retrain(RemoteVerbRunner runner)
    {
        var command = new Command("retrain", "Retrain now; the candidate is promoted only if it is not worse on the held-out reviewer labels");
        runner.SetAction(command, async (parse, api, ct) =>
        {
            var response = await api.RetrainModelAsync(ct);
            await runner.WriteAsync(parse, response, result => runner.Output.WriteLineAsync(
                $"{ApiJson.Text(result?["version"]?["version"])} {ApiJson.Text(result?["outcome"])}: accuracy {Figure(result?["version"]?["accuracy"])} " +
                $"(baseline {ApiJson.Text(result?["version"]?["baselineVersion"])} {Figure(result?["version"]?["baselineAccuracy"])}), " +
                $"macro-F1 {Figure(result?["version"]?["macroF1"])} (baseline {Figure(result?["version"]?["baselineMacroF1"])}) " +
                $"on {ApiJson.Text(result?["version"]?["heldOutTickets"])} held-out tickets."));
        });
        return command;
    }

    private static Command Promote(RemoteVerbRunner runner)
    {
        var version = new Argument<string>("version") { Description = "The version to make active: v{n}, or base (an older one is a rollback)" };
        var command = new Command("promote", "Make a version the active one on every node (an older version, or base, rolls back)") { version };
        runner.SetAction(command, async (parse, api, ct) =>
        {
            var response = await api.PromoteModelAsync(parse.GetRequiredValue(version), ct);
            await runner.WriteAsync(parse, response, result => runner.Output.WriteLineAsync(
                ApiJson.Text(result?["outcome"]) == "AlreadyActive"
                    ? $"{ApiJson.Text(result?["version"])} is already active."
                    : $"{ApiJson.Text(result?["version"])} is active (was {ApiJson.Text(result?["previous"])})."));
        });
        return command;
    }

    private static string Figure(System.Text.Json.Nodes.JsonNode? node) =>
        node is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<double>(out var number)
            ? number.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)
            : "";
}
