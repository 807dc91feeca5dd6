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
        var interval = new Option<double>("--interval") { Description = "Seconds between two looks at the run's status (default 1)", DefaultValueFactory = _ => 1 };
        var command = new Command("retrain",
            "Retrain now and wait for it, with progress; the candidate is promoted only if it is not worse on the held-out reviewer labels. " +
            "Exits 0 when it was promoted or rejected, 1 when it failed")
        {
            interval,
        };
        runner.SetAction(command, async (parse, api, ct) =>
        {
            var every = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(interval), 0.05, 60));
            var started = await api.RetrainModelAsync(ct);
            var location = started.Location ?? throw new ReviewDeskApiException("the server accepted the retrain but named no status resource (Location)");
            var id = ApiJson.Text(started.Json?["id"]);
            var json = parse.GetValue(runner.Json);
            if (!json) await runner.Output.WriteLineAsync($"retrain {id} started; waiting for it ({location})");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var lastProgress = TimeSpan.Zero;
            ApiResponse status;
            while (true)
            {
                await Task.Delay(every, ct);
                status = await api.GetRetrainAsync(location, ct);
                if (ApiJson.Text(status.Json?["status"]) != "Running") break;
                // A line every 5 s (a terminal gets one updated in place), so a log shows it is alive without filling up.
                if (json) continue;
                if (runner.Interactive)
                {
                    await runner.Output.WriteAsync($"\rrunning… {clock.Elapsed.TotalSeconds:0} s");
                }
                else if (clock.Elapsed - lastProgress >= TimeSpan.FromSeconds(5))
                {
                    lastProgress = clock.Elapsed;
                    await runner.Output.WriteLineAsync($"running… {clock.Elapsed.TotalSeconds:0} s");
                }
            }

            if (runner.Interactive && !json) await runner.Output.WriteLineAsync();
            await runner.WriteAsync(parse, status, run => ApiJson.Text(run?["status"]) == "Failed"
                ? Task.CompletedTask
                : runner.Output.WriteLineAsync(
                    $"{ApiJson.Text(run?["version"]?["version"])} {ApiJson.Text(run?["status"])}: accuracy {Figure(run?["version"]?["accuracy"])} " +
                    $"(baseline {ApiJson.Text(run?["version"]?["baselineVersion"])} {Figure(run?["version"]?["baselineAccuracy"])}), " +
                    $"macro-F1 {Figure(run?["version"]?["macroF1"])} (baseline {Figure(run?["version"]?["baselineMacroF1"])}) " +
                    $"on {ApiJson.Text(run?["version"]?["heldOutTickets"])} held-out tickets."));
            if (ApiJson.Text(status.Json?["status"]) == "Failed")
            {
                throw new ReviewDeskApiException($"retrain {id} failed: {ApiJson.Text(status.Json?["error"])}");
            }
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
