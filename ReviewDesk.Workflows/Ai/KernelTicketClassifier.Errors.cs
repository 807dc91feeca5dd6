using System.ClientModel;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using ReviewDesk.Engine.Activities;

namespace ReviewDesk.Workflows.Ai;

/// <summary>How failed calls become <see cref="ActivityException"/>s the retry policy understands.</summary>
public sealed partial class KernelTicketClassifier
{
    private Exception MapCancellation(OperationCanceledException ex, CancellationToken caller, CancellationToken timeout)
    {
        if (caller.IsCancellationRequested)
        {
            // The caller's cancellation is not a failure of the provider: it stays an OperationCanceledException.
            return new OperationCanceledException("The classification was cancelled.", ex, caller);
        }

        if (timeout.IsCancellationRequested)
        {
            return Fail(new ActivityException(
                AiErrorKinds.Timeout,
                FormattableString.Invariant($"Provider '{ProviderName}' did not answer within {_options.TimeoutSeconds} s."),
                inner: ex));
        }

        // Cancelled by neither token: the HTTP stack gave up on its own (a network-level timeout).
        return Fail(new ActivityException(AiErrorKinds.Timeout, $"The call to provider '{ProviderName}' was cancelled by the HTTP client.", inner: ex));
    }

    private Exception MapFailure(HttpOperationException ex, CancellationToken caller, CancellationToken timeout)
    {
        if (caller.IsCancellationRequested || timeout.IsCancellationRequested)
        {
            return MapCancellation(new OperationCanceledException(ex.Message, ex), caller, timeout);
        }

        var status = ex.StatusCode is { } code ? (int)code : (int?)null;
        var where = $"Provider '{ProviderName}' ({Model})";
        var failure = status switch
        {
            null => new ActivityException(AiErrorKinds.ServerError, $"{where} could not be reached.", inner: ex),
            429 => new ActivityException(AiErrorKinds.RateLimited, $"{where} is rate limiting (HTTP 429).", ReadRetryAfter(ex), inner: ex),
            408 => new ActivityException(AiErrorKinds.Timeout, $"{where} timed out the request (HTTP 408).", inner: ex),
            >= 500 => new ActivityException(AiErrorKinds.ServerError, FormattableString.Invariant($"{where} failed with HTTP {status}."), inner: ex),
            _ => new ActivityException(
                AiErrorKinds.Rejected,
                FormattableString.Invariant($"{where} rejected the request with HTTP {status}; check its Endpoint, Model and ApiKey."),
                nonRetryable: true,
                inner: ex),
        };
        return Fail(failure);
    }

    private ActivityException Fail(ActivityException failure)
    {
        LogFailure(failure);
        return failure;
    }

    private void LogFailure(ActivityException failure) =>
        _logger.LogWarning("Classification with {Provider} ({Model}) failed: {ErrorKind}", ProviderName, Model, failure.Kind);

    private TimeSpan? ReadRetryAfter(HttpOperationException ex)
    {
        var response = (ex.InnerException as ClientResultException)?.GetRawResponse();
        if (response is null || !response.Headers.TryGetValue("Retry-After", out var value))
        {
            return null;
        }

        return ParseRetryAfter(value, _timeProvider.GetUtcNow());
    }

    /// <summary>Reads a Retry-After header: delay-seconds or an HTTP date (RFC 9110 section 10.2.3).</summary>
    /// <returns>The delay, never negative; null when the value is neither form.</returns>
    internal static TimeSpan? ParseRetryAfter(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.MaxValue.TotalSeconds));
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var date))
        {
            var delay = date - now;
            return delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
        }

        return null;
    }
}
