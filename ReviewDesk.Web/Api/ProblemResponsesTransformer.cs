using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ReviewDesk.Web.Api;

/// <summary>
/// Adds the problem-details answers every API operation can give but that its handler's typed result
/// does not name: 401 (no, unknown or revoked key), 403 (the wrong role), 413 (a body over the limit)
/// and 400 (a body that is not the JSON it expects).
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var description = context.Description;
        var schema = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        operation.Responses ??= [];
        if (description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any())
        {
            Add(operation, StatusCodes.Status401Unauthorized, "No API key or sign-in, or an unknown or revoked key.", schema);
            Add(operation, StatusCodes.Status403Forbidden, "The caller's roles do not allow this operation.", schema);
        }

        if (description.HttpMethod is "POST" or "PUT" or "PATCH")
        {
            Add(operation, StatusCodes.Status413PayloadTooLarge, "The body is larger than `Api:MaxRequestBodyBytes` (64 KB by default).", schema);
            if (description.ParameterDescriptions.Any(p => p.Source.Id == "Body")) Add(operation, StatusCodes.Status400BadRequest, "The body is not JSON of the expected shape.", schema);
        }
    }

    private static void Add(OpenApiOperation operation, int status, string text, IOpenApiSchema schema)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key)) return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = text,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/problem+json"] = new OpenApiMediaType { Schema = schema } },
        };
    }
}
