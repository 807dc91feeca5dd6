using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using ReviewDesk.Engine.Activities;

namespace ReviewDesk.Workflows.Notifications;

/// <summary>POSTs signed webhook events. One attempt per call: the Notify step's retry policy owns retries.</summary>
public sealed class WebhookSender(TimeProvider time) : IDisposable
{
    private readonly HttpClient _client = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>Sends <paramref name="body"/> to <paramref name="webhook"/>, signed with its secret.</summary>
    /// <exception cref="ActivityException">The receiver did not answer 2xx in time (retryable; 4xx other than 408 and 429 are not).</exception>
    public async Task SendAsync(string name, WebhookChannelOptions webhook, string eventId, string eventType, byte[] body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentNullException.ThrowIfNull(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("ReviewDesk", "1"));
        request.Headers.Add(WebhookSignature.EventIdHeader, eventId);
        request.Headers.Add(WebhookSignature.EventTypeHeader, eventType);
        if (!string.IsNullOrEmpty(webhook.Secret)) request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(webhook.Secret, time.GetUtcNow(), body));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(webhook.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ActivityException(NotifyActivity.WebhookFailed, $"webhook {name} did not answer within {webhook.Timeout}");
        }
        catch (HttpRequestException ex)
        {
            throw new ActivityException(NotifyActivity.WebhookFailed, $"webhook {name} could not be reached: {ex.HttpRequestError}", inner: ex);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode) return;
            var status = (int)response.StatusCode;
            var retryAfter = response.Headers.RetryAfter is { } header
                ? header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() : null)
                : null;
            var permanent = status is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);
            throw new ActivityException(permanent ? NotifyActivity.WebhookRefused : NotifyActivity.WebhookFailed,
                string.Create(CultureInfo.InvariantCulture, $"webhook {name} answered {status}"), retryAfter, nonRetryable: permanent);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();
}
