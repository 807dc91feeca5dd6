using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Web.Identity;

namespace ReviewDesk.Web.Api;

/// <summary>
/// <c>/api/workflows</c>: workflow definitions and their versions. Operators and admins read and
/// export them; only admins write (drafts, imports, validation, publish, retract). Validation errors
/// name their nodes.
/// </summary>
public static class WorkflowsApi
{
    public static IEndpointRouteBuilder MapWorkflowsApi(this IEndpointRouteBuilder endpoints)
    {
        var workflows = endpoints.MapGroup("/api/workflows").WithTags("Workflows").RequireAuthorization(ReviewDeskPolicies.Operate);
        workflows.MapGet("/", ListAsync).WithName("ListWorkflows")
            .WithSummary("List workflow definitions (Operator, Admin)")
            .WithDescription("Every definition with its newest and published version, and all its versions (draft, published, retracted), newest first.");
        workflows.MapGet("/{id}", GetAsync).WithName("GetWorkflow")
            .WithSummary("Get a definition version (Operator, Admin)")
            .WithDescription("The newest version (whatever its status), or `?version=n`: its metadata and the definition JSON.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        workflows.MapGet("/{id}/export", ExportAsync).WithName("ExportWorkflow")
            .WithSummary("Export a definition version as a JSON file (Operator, Admin)")
            .WithDescription("The newest version, or `?version=n`, as an indented JSON file download (`{id}-v{version}.json`) that `POST /api/workflows/import` takes back.")
            .Produces<WorkflowDefinition>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);

        workflows.MapPost("/", SaveDraftAsync).WithName("SaveWorkflowDraft").RequireAuthorization(ReviewDeskPolicies.Administer)
            .WithSummary("Create or update a draft (Admin)")
            .WithDescription("Saves the definition JSON as the draft of its id: updates the open draft, or creates the next version (a new id starts at 1). Drafts may be incomplete: the answer lists by node what publishing would refuse.");
        workflows.MapPost("/import", ImportAsync).WithName("ImportWorkflow").RequireAuthorization(ReviewDeskPolicies.Administer)
            .WithSummary("Import an exported definition as a draft (Admin)")
            .WithDescription("Takes a file written by export (its version number is ignored) and saves it as the draft of its id, like `POST /api/workflows`.");
        workflows.MapPost("/validate", Validate).WithName("ValidateWorkflow").RequireAuthorization(ReviewDeskPolicies.Administer)
            .WithSummary("Validate a definition (Admin)")
            .WithDescription("Checks the definition JSON as publishing would (unknown activity types, duplicate or missing ids, dangling connections, unreachable nodes, settings, retry policies) without saving it: 200 when it can be published, otherwise a ValidationProblem whose `errors` are keyed by node id (`definition` for the whole).");
        workflows.MapPost("/{id}/versions/{version:int}/publish", PublishAsync).WithName("PublishWorkflow").RequireAuthorization(ReviewDeskPolicies.Administer)
            .WithSummary("Publish a draft version (Admin)")
            .WithDescription("Validates and publishes the draft; new instances start on it. 400 ValidationProblem keyed by node id; 409 when the version is not a draft.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        workflows.MapPost("/{id}/versions/{version:int}/retract", RetractAsync).WithName("RetractWorkflow").RequireAuthorization(ReviewDeskPolicies.Administer)
            .WithSummary("Retract a published version (Admin)")
            .WithDescription("No new instance starts on it; running ones continue. 409 when the version is not published.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    /// <summary>Every definition with its versions.</summary>
    public static async Task<Ok<IReadOnlyList<WorkflowSummary>>> ListAsync(WorkflowDefinitionStore definitions, CancellationToken cancellationToken)
    {
        var versions = await definitions.ListVersionsAsync(null, cancellationToken);
        IReadOnlyList<WorkflowSummary> summaries = [.. versions.GroupBy(v => v.DefinitionId, StringComparer.Ordinal).Select(g =>
        {
            var newest = g.MaxBy(v => v.Version)!;
            var published = g.Where(v => v.Status == DefinitionStatus.Published).MaxBy(v => v.Version);
            return new WorkflowSummary(g.Key, newest.Name, newest.Version, published?.Version, [.. g.OrderByDescending(v => v.Version)]);
        })];
        return TypedResults.Ok(summaries);
    }

    /// <summary>A definition version with its metadata.</summary>
    public static async Task<Results<Ok<WorkflowDocument>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string id, string? version, WorkflowDefinitionStore definitions, CancellationToken cancellationToken)
    {
        if (ParseVersion(version) is { } invalid) return invalid;
        var document = await FindAsync(definitions, id, version, cancellationToken);
        return document is null ? NotFound(id, version) : TypedResults.Ok(document);
    }

    /// <summary>A definition version as a JSON file download.</summary>
    public static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ExportAsync(
        string id, string? version, WorkflowDefinitionStore definitions, CancellationToken cancellationToken)
    {
        if (ParseVersion(version) is { } invalid) return invalid;
        var document = await FindAsync(definitions, id, version, cancellationToken);
        if (document is null) return NotFound(id, version);
        var json = DefinitionJson.Serialize(document.Definition, indented: true);
        return TypedResults.File(Encoding.UTF8.GetBytes(json), "application/json", $"{document.Info.DefinitionId}-v{document.Info.Version}.json");
    }

    /// <summary>Saves the definition as its id's draft.</summary>
    public static Task<Results<Created<DraftSaved>, ValidationProblem>> SaveDraftAsync(
        WorkflowDefinition definition, WorkflowDefinitionStore definitions, DefinitionValidator validator, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        SaveAsync(definition, definitions, validator, user, cancellationToken);

    /// <summary>Saves an exported definition as its id's draft.</summary>
    public static Task<Results<Created<DraftSaved>, ValidationProblem>> ImportAsync(
        WorkflowDefinition definition, WorkflowDefinitionStore definitions, DefinitionValidator validator, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        SaveAsync(definition, definitions, validator, user, cancellationToken);

    /// <summary>Validates a definition without saving it.</summary>
    public static Results<Ok<DefinitionValidation>, ValidationProblem> Validate(WorkflowDefinition definition, DefinitionValidator validator)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(validator);
        var (normalized, errors) = WorkflowDefinitionInput.Check(definition);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The definition is not well-formed");
        var problems = validator.Validate(normalized);
        return problems.Count == 0
            ? TypedResults.Ok(new DefinitionValidation(true))
            : TypedResults.ValidationProblem(WorkflowDefinitionInput.ByNode(problems), title: "The definition cannot be published");
    }

    /// <summary>Publishes a draft version.</summary>
    public static async Task<Results<Ok<DefinitionVersionInfo>, ValidationProblem, ProblemHttpResult>> PublishAsync(
        string id, int version, WorkflowDefinitionStore definitions, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(user);
        var info = (await definitions.ListVersionsAsync(id, cancellationToken)).FirstOrDefault(v => v.Version == version);
        if (info is null) return NotFound(id, version.ToString(CultureInfo.InvariantCulture));
        if (info.Status != DefinitionStatus.Draft) return Conflict($"Version {version} of {id} is {info.Status}; only a draft can be published.", "The version is not a draft");

        var result = await definitions.PublishAsync(id, version, ReviewsApi.ReviewerName(user), cancellationToken);
        if (result.Succeeded) return TypedResults.Ok(result.Version!);
        // Published or removed meanwhile: the store's own check answered.
        if (result.Errors is [{ NodeId: null } only]) return Conflict(only.Message, "The version is not a draft");
        return TypedResults.ValidationProblem(WorkflowDefinitionInput.ByNode(result.Errors), title: "The definition cannot be published");
    }

    /// <summary>Retracts a published version.</summary>
    public static async Task<Results<Ok<DefinitionVersionInfo>, ProblemHttpResult>> RetractAsync(
        string id, int version, WorkflowDefinitionStore definitions, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var info = (await definitions.ListVersionsAsync(id, cancellationToken)).FirstOrDefault(v => v.Version == version);
        if (info is null) return NotFound(id, version.ToString(CultureInfo.InvariantCulture));
        // The caller is recorded in the audit trail.
        if (!await definitions.RetractAsync(id, version, ReviewsApi.ReviewerName(user), cancellationToken))
        {
            return Conflict($"Version {version} of {id} is {info.Status}; only a published version can be retracted.", "The version is not published");
        }

        return TypedResults.Ok(info with { Status = DefinitionStatus.Retracted });
    }

    private static async Task<Results<Created<DraftSaved>, ValidationProblem>> SaveAsync(
        WorkflowDefinition definition, WorkflowDefinitionStore definitions, DefinitionValidator validator, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(user);
        var (normalized, errors) = WorkflowDefinitionInput.Check(definition);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "The definition is not well-formed");

        var info = await definitions.SaveDraftAsync(normalized, ReviewsApi.ReviewerName(user), cancellationToken);
        var problems = WorkflowDefinitionInput.ByNode(validator.Validate(normalized));
        return TypedResults.Created($"/api/workflows/{Uri.EscapeDataString(info.DefinitionId)}?version={info.Version}", new DraftSaved(info, problems));
    }

    private static async Task<WorkflowDocument?> FindAsync(WorkflowDefinitionStore definitions, string id, string? version, CancellationToken cancellationToken)
    {
        var versions = await definitions.ListVersionsAsync(id, cancellationToken);
        var info = version is null ? versions.MaxBy(v => v.Version) : versions.FirstOrDefault(v => v.Version == int.Parse(version, CultureInfo.InvariantCulture));
        if (info is null) return null;
        var definition = await definitions.GetAsync(id, info.Version, cancellationToken);
        return definition is null ? null : new WorkflowDocument(info, definition);
    }

    private static ValidationProblem? ParseVersion(string? version) =>
        version is null || (int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1)
            ? null
            : TypedResults.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { ["version"] = ["The version must be a whole number from 1."] });

    private static ProblemHttpResult NotFound(string id, string? version) => TypedResults.Problem(
        version is null ? $"No workflow definition {id}." : $"Workflow definition {id} has no version {version}.",
        statusCode: StatusCodes.Status404NotFound, title: "Unknown workflow definition");

    private static ProblemHttpResult Conflict(string detail, string title) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: title);
}
