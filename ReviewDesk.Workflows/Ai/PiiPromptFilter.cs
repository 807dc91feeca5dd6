using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Workflows.Ai;

/// <summary>
/// The last guard before a prompt leaves the process: after Semantic Kernel renders a prompt, runs the
/// <see cref="PiiAnalyzer"/> over it and blocks the call when it still holds personal data, by throwing
/// a non-retryable <see cref="ActivityException"/> of kind <see cref="AiErrorKinds.PiiBlocked"/> that
/// names the entity types only. Placeholders such as <c>&lt;EMAIL_ADDRESS_1&gt;</c> pass.
/// </summary>
public sealed partial class PiiPromptFilter : IPromptRenderFilter
{
    private readonly PiiAnalyzer _analyzer;
    private readonly ILogger<PiiPromptFilter> _logger;

    /// <summary>Creates the filter.</summary>
    /// <param name="analyzer">The analyzer that finds personal data.</param>
    /// <param name="logger">Logs blocked calls (function name and entity types, never values).</param>
    public PiiPromptFilter(PiiAnalyzer analyzer, ILogger<PiiPromptFilter> logger)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(logger);
        _analyzer = analyzer;
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task OnPromptRenderAsync(PromptRenderContext context, Func<PromptRenderContext, Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        await next(context);

        var types = FindPiiTypes(context.RenderedPrompt ?? string.Empty);
        if (types.Count == 0)
        {
            return;
        }

        var typeList = string.Join(", ", types);
        _logger.LogWarning("Blocked the prompt of {Function}: it still contains personal data of types {PiiTypes}", context.Function.Name, typeList);
        throw new ActivityException(
            AiErrorKinds.PiiBlocked,
            $"The rendered prompt still contains personal data, so it was not sent; types: {typeList}",
            nonRetryable: true);
    }

    /// <summary>The PII entity types in a rendered prompt, ignoring redaction placeholders; sorted, distinct.</summary>
    /// <param name="renderedPrompt">The prompt as Semantic Kernel rendered it (variable values HTML-encoded).</param>
    /// <returns>Entity type names, never values.</returns>
    public IReadOnlyList<string> FindPiiTypes(string renderedPrompt)
    {
        ArgumentNullException.ThrowIfNull(renderedPrompt);

        // Semantic Kernel HTML-encodes variable values; the server receives them decoded.
        var text = WebUtility.HtmlDecode(renderedPrompt);
        var placeholders = PlaceholderPattern().Matches(text);
        return _analyzer.Analyze(text)
            .Where(entity => !placeholders.Any(p => entity.Start < p.Index + p.Length && p.Index < entity.End))
            .Select(entity => entity.Type)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    // The anonymizer's placeholders: <EMAIL_ADDRESS_1>, <PERSON_2>.
    [GeneratedRegex(@"<[A-Z][A-Z_]*_\d+>", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}
