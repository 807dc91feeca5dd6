using System.Net.Mail;

namespace ReviewDesk.Workflows.Triage;

/// <summary>A new ticket as an integrator, the CLI or the console submits it (raw text: it is scrubbed by the workflow).</summary>
public sealed record TicketSubmission
{
    /// <summary>Longest accepted subject.</summary>
    public const int MaxSubjectLength = 500;
    /// <summary>Longest accepted body.</summary>
    public const int MaxBodyLength = 20_000;

    /// <summary>Subject line.</summary>
    public string? Subject { get; init; }
    /// <summary>Body text.</summary>
    public string? Body { get; init; }
    /// <summary>The customer, if known.</summary>
    public CustomerInfo? Customer { get; init; }
    /// <summary>Where it came from (email, web, chat, api...); default api.</summary>
    public string? Channel { get; init; }
    /// <summary>The integrator's own id; a repeated one returns the same ticket.</summary>
    public string? ExternalId { get; init; }
    /// <summary>The request's Idempotency-Key; a repeated one returns the same ticket.</summary>
    public string? IdempotencyKey { get; init; }
    /// <summary>The workflow definition (variant) to run; default <see cref="TriageDefinitions.DefaultDefinitionId"/>.</summary>
    public string? Variant { get; init; }

    /// <summary>Problems by field name (camelCase, as in the API); empty when valid.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(Subject)) errors["subject"] = ["The subject is required."];
        else if (Subject.Length > MaxSubjectLength) errors["subject"] = [$"The subject is longer than {MaxSubjectLength} characters."];
        if (string.IsNullOrWhiteSpace(Body)) errors["body"] = ["The body is required."];
        else if (Body.Length > MaxBodyLength) errors["body"] = [$"The body is longer than {MaxBodyLength} characters."];
        if (Channel is { Length: > 32 }) errors["channel"] = ["The channel is longer than 32 characters."];
        if (ExternalId is { Length: > 200 }) errors["externalId"] = ["The external id is longer than 200 characters."];
        if (IdempotencyKey is { Length: > 200 }) errors["idempotencyKey"] = ["The idempotency key is longer than 200 characters."];
        if (Customer?.Email is { Length: > 0 } email && !MailAddress.TryCreate(email, out _)) errors["customer.email"] = ["The customer e-mail is not an e-mail address."];
        if (Customer?.Name is { Length: > 200 }) errors["customer.name"] = ["The customer name is longer than 200 characters."];
        return errors;
    }
}

/// <summary>The customer who wrote a ticket.</summary>
/// <param name="Name">Name.</param>
/// <param name="Email">E-mail address.</param>
public sealed record CustomerInfo(string? Name, string? Email);
