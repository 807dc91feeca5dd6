namespace ReviewDesk.Web.Cli.Remote;

/// <summary>
/// The HTTP API refused a request. <see cref="Exception.Message"/> is one line made from the answer's
/// problem details (title, detail and the invalid fields), or its status when it has none.
/// </summary>
public sealed class ReviewDeskApiException : Exception
{
    public ReviewDeskApiException() { }

    public ReviewDeskApiException(string message) : base(message) { }

    public ReviewDeskApiException(string message, Exception innerException) : base(message, innerException) { }

    public ReviewDeskApiException(int statusCode, string message) : base(message) => StatusCode = statusCode;

    /// <summary>The HTTP status code of the answer.</summary>
    public int StatusCode { get; }
}
