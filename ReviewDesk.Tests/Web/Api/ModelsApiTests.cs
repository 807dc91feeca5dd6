using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewDesk.Workflows.Ai.Learning;
using ReviewDesk.Workflows.Audit;
using ReviewDesk.Workflows.Persistence;

namespace ReviewDesk.Tests.Web.Api;

/// <summary><c>/api/models</c> on a real host: versions and the active one, promotion and rollback (audited with the caller), Admin only, ProblemDetails.</summary>
public sealed class ModelsApiTests : IAsyncLifetime
{
    // The keyword classifier: no ticket is classified here, and nothing trains the local model.
    private readonly ReviewDeskWebFactory _factory = new() { Classifier = new KeywordClassifierSource() };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_Promote_Rollback_TheActiveVersionFollows_AndEachChangeIsAuditedWithTheAdmin()
    {
        using var admin = _factory.CreateClient("admin");
        await AddVersionAsync(1, ModelVersionStatus.Retired, 0.70, 0.68);
        await AddVersionAsync(2, ModelVersionStatus.Rejected, 0.60, 0.55);

        var before = await admin.GetFromJsonAsync<JsonElement>("/api/models", Ct);
        using var promoted = await admin.PostAsync("/api/models/v2/promote", null, Ct);
        var afterPromote = await admin.GetFromJsonAsync<JsonElement>("/api/models", Ct);
        using var again = await admin.PostAsync("/api/models/v2/promote", null, Ct);
        using var rolledBack = await admin.PostAsync("/api/models/v1/promote", null, Ct);
        using var toBase = await admin.PostAsync("/api/models/base/promote", null, Ct);
        var afterRollback = await admin.GetFromJsonAsync<JsonElement>("/api/models", Ct);

        Assert.Equal("base", before.GetProperty("active").GetString());
        Assert.Equal(["v2", "v1"], before.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetString()));
        var v1 = before.GetProperty("versions")[1];
        Assert.Equal((0.70, 0.68, "Retired"), (v1.GetProperty("accuracy").GetDouble(), v1.GetProperty("macroF1").GetDouble(), v1.GetProperty("status").GetString()));
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal(("Activated", "base"), await OutcomeAsync(promoted));
        Assert.Equal("v2", afterPromote.GetProperty("active").GetString());
        Assert.Equal(("AlreadyActive", "v2"), await OutcomeAsync(again));
        Assert.Equal(("Activated", "v2"), await OutcomeAsync(rolledBack));
        Assert.Equal(("Activated", "v1"), await OutcomeAsync(toBase));
        Assert.Equal("base", afterRollback.GetProperty("active").GetString());
        Assert.All(afterRollback.GetProperty("versions").EnumerateArray(), v => Assert.NotEqual("Active", v.GetProperty("status").GetString()));

        var audit = await _factory.Services.GetRequiredService<AuditLog>().QueryAsync(new AuditQuery { Actor = TestApiKeys.PrincipalName("admin") }, Ct);
        Assert.Equal(
            [(AuditActions.PromoteModel, "model:v2"), (AuditActions.RollbackModel, "model:v1"), (AuditActions.RollbackModel, "model:base")],
            audit.Items.Where(e => e.Target?.StartsWith("model:", StringComparison.Ordinal) == true).Reverse().Select(e => (e.Action, e.Target)).ToList());
    }

    [Fact]
    public async Task PromoteAnUnknownVersion_And_RetrainWithNoLabels_AnswerProblemDetails()
    {
        using var admin = _factory.CreateClient("admin");

        using var unknown = await admin.PostAsync("/api/models/v9/promote", null, Ct);
        using var retrain = await admin.PostAsync("/api/models/retrain", null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("No such model version", (await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Conflict, retrain.StatusCode);
        Assert.Equal("application/problem+json", retrain.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Nothing to learn from", (await retrain.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Retrain_Answers202AtOnce_WithALocation_WhoseStatusEndsWithTheFigures_AndAnUnknownRunIs404()
    {
        using var admin = _factory.CreateClient("admin");
        await AddExamplesAsync(20);

        using var retrain = await admin.PostAsync("/api/models/retrain", null, Ct);
        var accepted = await retrain.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var location = retrain.Headers.Location!;
        var ended = await Eventually.GetAsync(() => admin.GetFromJsonAsync<JsonElement>(location, Ct), s => s.GetProperty("status").GetString() != "Running",
            "the retrain to end", TimeSpan.FromMinutes(2));
        using var unknown = await admin.GetAsync("/api/models/retrains/rt_nope", Ct);

        Assert.Equal(HttpStatusCode.Accepted, retrain.StatusCode);
        Assert.Equal($"/api/models/retrains/{accepted.GetProperty("id").GetString()}", location.OriginalString);
        Assert.Equal("Running", accepted.GetProperty("status").GetString());
        Assert.Equal(TestApiKeys.PrincipalName("admin"), accepted.GetProperty("requestedBy").GetString());
        Assert.Contains(ended.GetProperty("status").GetString(), new[] { "Promoted", "Rejected" });
        var version = ended.GetProperty("version");
        Assert.Equal("v1", version.GetProperty("version").GetString());
        Assert.Equal(10, version.GetProperty("heldOutTickets").GetInt32());
        Assert.InRange(version.GetProperty("accuracy").GetDouble(), 0, 1);
        Assert.InRange(version.GetProperty("baselineAccuracy").GetDouble(), 0, 1);
        Assert.Equal(JsonValueKind.Null, ended.GetProperty("error").ValueKind);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("No such retrain run", (await unknown.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("operator")]
    [InlineData("reviewer")]
    public async Task EveryEndpoint_ForbidsAnyoneButAdmins(string principal)
    {
        await AddVersionAsync(1, ModelVersionStatus.Rejected, 0.5, 0.5);
        using var client = _factory.CreateClient(principal);
        using var anonymous = _factory.CreateAnonymousClient();

        using var list = await client.GetAsync("/api/models", Ct);
        using var retrain = await client.PostAsync("/api/models/retrain", null, Ct);
        using var promote = await client.PostAsync("/api/models/v1/promote", null, Ct);
        using var run = await client.GetAsync("/api/models/retrains/rt_any", Ct);
        using var anonymousList = await anonymous.GetAsync("/api/models", Ct);

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden],
            new[] { list.StatusCode, retrain.StatusCode, promote.StatusCode, run.StatusCode });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousList.StatusCode);
        var versions = await _factory.Services.GetRequiredService<ModelRetrainer>().ListAsync(Ct);
        Assert.Equal(ModelVersionStatus.Rejected, Assert.Single(versions).Status);
    }

    private static async Task<(string?, string?)> OutcomeAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (body.GetProperty("outcome").GetString(), body.GetProperty("previous").GetString());
    }

    // Reviewer-labelled tickets, half of them in the held-out slice (Ai:Learning:HeldOutPercent, 20% by default, by ticket id).
    private async Task AddExamplesAsync(int count)
    {
        var contexts = _factory.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Ct);
        var ids = Enumerable.Range(0, 10_000).Select(i => $"tk-{i:0000}").ToList();
        var heldOut = ids.Where(id => HeldOutSlice.Contains(id, 20)).Take(count / 2);
        var learnt = ids.Where(id => !HeldOutSlice.Contains(id, 20)).Take(count - (count / 2));
        db.LabelledExamples.AddRange(heldOut.Concat(learnt).Select(id => new LabelledExampleRecord
        {
            TicketId = id, Subject = "Invoice charged twice", Body = "My card was charged twice for the same invoice this month.",
            Category = "billing", Priority = "P3", Sentiment = "negative", Language = "en", Reviewer = "reviewer@example.test",
            AiCategory = "billing", AiPriority = "P3", AiConfidence = 0.9, CategoryCorrect = true, PriorityCorrect = true, Provider = "local",
            ModelVersion = ModelVersions.Base, DecidedAt = DateTimeOffset.UtcNow,
        }));
        await db.SaveChangesAsync(Ct);
    }

    // A version row as a retrain stores it; its model bytes are never loaded here (nothing is classified).
    private async Task AddVersionAsync(int number, ModelVersionStatus status, double accuracy, double macroF1)
    {
        var contexts = _factory.Services.GetRequiredService<IDbContextFactory<TriageDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(Ct);
        db.ModelVersions.Add(new ModelVersionRecord
        {
            Number = number, Version = ModelVersions.Name(number), Model = "mlnet-sdca-v1", Status = status, CreatedBy = "system", Trigger = RetrainTriggers.Labels,
            CreatedAt = DateTimeOffset.UnixEpoch.AddDays(20_000 + number), TrainingTickets = 1200, ReviewerExamples = 40, LastExampleId = number * 10,
            HeldOutTickets = 10, Accuracy = accuracy, MacroF1 = macroF1, PriorityAccuracy = 0.5, BaselineVersion = ModelVersions.Base,
            BaselineAccuracy = 0.5, BaselineMacroF1 = 0.5, BaselinePriorityAccuracy = 0.5, Evaluation = "[]", ModelData = [], Metadata = "{}",
        });
        await db.SaveChangesAsync(Ct);
    }
}
