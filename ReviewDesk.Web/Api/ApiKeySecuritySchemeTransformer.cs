using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using ReviewDesk.Web.Identity;

namespace ReviewDesk.Web.Api;

/// <summary>
/// Describes how the API is called: the <c>X-Api-Key</c> header (or the console's sign-in cookie,
/// which a browser sends by itself), required by every operation.
/// </summary>
internal sealed class ApiKeySecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    public const string SchemeId = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info.Title = "ReviewDesk API";
        document.Info.Description =
            "Tickets, the review queue, workflow definitions and instances. Every call needs an API key in the `X-Api-Key` header " +
            "(created by an admin at /admin/api-keys, scoped to roles) or the console's sign-in cookie. Errors are RFC 7807 problem details.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "An API key; it acts as `apikey:{name}` with the roles it was given.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, document)] = [] });
        return Task.CompletedTask;
    }
}
