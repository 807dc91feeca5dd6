using ReviewDesk.Web.Api;
using ReviewDesk.Web.Identity;
using Scalar.AspNetCore;

namespace ReviewDesk.Web.Hosting;

/// <summary>
/// The OpenAPI document of the HTTP API (<c>/openapi/v1.json</c>) and its browsable reference
/// (<c>/scalar</c>), both for any signed-in role: they describe what the API does, and every call
/// made from them is checked as usual.
/// </summary>
public static class ReviewDeskOpenApi
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/scalar";

    /// <summary>What the reference's API key field holds until a real key is pasted in.</summary>
    public const string KeyPlaceholder = "paste a key created under Admin > API keys (/admin/api-keys)";

    /// <summary>Registers the document: only <c>/api</c> endpoints, with the API key scheme and the common problem answers.</summary>
    public static WebApplicationBuilder AddReviewDeskOpenApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<ApiKeySecuritySchemeTransformer>();
            options.AddOperationTransformer<ProblemResponsesTransformer>();
            options.AddOperationTransformer<DecisionExamplesTransformer>();
        });
        return builder;
    }

    /// <summary>Maps the document and the reference UI, each for any role.</summary>
    public static WebApplication MapReviewDeskOpenApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi().RequireAuthorization(ReviewDeskPolicies.AnyRole);
        // The page's scripts carry a fresh nonce that SecurityHeadersMiddleware allows; no web fonts from elsewhere.
        app.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("ReviewDesk API")
                .WithOpenApiRoutePattern(DocumentPath)
                .DisableDefaultFonts()
                .WithNonce()
                .AddPreferredSecuritySchemes([ApiKeySecuritySchemeTransformer.SchemeId])
                // An offline product: none of Scalar's cloud features (deploy, share, SDK generation, AI chat, MCP, telemetry).
                .HideDeveloperTools()
                .HideClientButton()
                .DisableAgent()
                .DisableMcp()
                .DisableTelemetry()
                // No example key that looks real: the field says where a real one comes from.
                .AddApiKeyAuthentication(ApiKeySecuritySchemeTransformer.SchemeId, scheme => scheme.Value = KeyPlaceholder))
            .RequireAuthorization(ReviewDeskPolicies.AnyRole);
        return app;
    }
}
