namespace ReviewDesk.Workflows.Designer;

/// <summary>A ticket to test-run a draft with; it is only ever stored in the test run's throwaway database.</summary>
/// <param name="Subject">Subject line.</param>
/// <param name="Body">Body text.</param>
/// <param name="Channel">Channel (default api).</param>
/// <param name="CustomerEmail">The customer's e-mail address, if any.</param>
public sealed record SampleTicket(string Subject, string Body, string? Channel = null, string? CustomerEmail = null);
