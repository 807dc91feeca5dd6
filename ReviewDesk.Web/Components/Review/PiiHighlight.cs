namespace ReviewDesk.Web.Components.Review;

/// <summary>The colour class of each PII type's placeholders and chips (see app.css).</summary>
public static class PiiHighlight
{
    /// <summary><c>pii-email_address</c> for EMAIL_ADDRESS; app.css colours the known ones and <c>pii</c> the rest.</summary>
    public static string CssClass(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return $"pii pii-{type.ToLowerInvariant()}";
    }
}
