using Microsoft.Extensions.Logging.Abstractions;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Pii;

namespace ReviewDesk.Tests.Workflows.Ai;

public sealed class ClassificationPromptTests
{
    [Fact]
    public void Template_Version1_DescribesEveryLabelAndBothVariables()
    {
        // Act
        var template = ClassificationPrompt.Template;

        // Assert
        Assert.Equal("classify-ticket.v1", ClassificationPrompt.Version);
        Assert.All(TicketLabels.Categories.Concat(TicketLabels.Priorities).Concat(TicketLabels.Sentiments),
            label => Assert.Contains(label, template, StringComparison.Ordinal));
        Assert.Contains("{{$subject}}", template, StringComparison.Ordinal);
        Assert.Contains("{{$body}}", template, StringComparison.Ordinal);
    }

    [Fact]
    public void FindPiiTypes_TemplateWithPlaceholders_FindsNothing()
    {
        // Arrange: the instructions themselves must never trip the guard.
        var filter = new PiiPromptFilter(PiiAnalyzer.Create(), NullLogger<PiiPromptFilter>.Instance);
        var rendered = ClassificationPrompt.Template
            .Replace("{{$subject}}", "Login fails for &lt;PERSON_1&gt;", StringComparison.Ordinal)
            .Replace("{{$body}}", "Reach me at &lt;EMAIL_ADDRESS_1&gt; or &lt;PHONE_NUMBER_1&gt;; I live at &lt;STREET_ADDRESS_1&gt;.", StringComparison.Ordinal);

        // Act
        var types = filter.FindPiiTypes(rendered);

        // Assert
        Assert.Empty(types);
    }

    [Fact]
    public void FindPiiTypes_EncodedValuesWithPii_ReturnsTypesOnce()
    {
        // Arrange
        var filter = new PiiPromptFilter(PiiAnalyzer.Create(), NullLogger<PiiPromptFilter>.Instance);

        // Act
        var types = filter.FindPiiTypes("Mail a@example.com &amp; b@example.org, card 4111 1111 1111 1111");

        // Assert
        Assert.Equal([PiiTypes.CreditCard, PiiTypes.EmailAddress], types);
    }
}
