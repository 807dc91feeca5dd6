namespace ReviewDesk.Workflows.Ai;

/// <summary>
/// Creates the classifier of a provider of type <see cref="AiProviderType.Local"/> (the ML.NET model).
/// Register one in DI; <see cref="TicketClassifierFactory"/> calls it once per local provider name and
/// owns (caches, and disposes when disposable) what it returns.
/// </summary>
public interface ILocalClassifierSource
{
    /// <summary>Creates the local classifier of <paramref name="providerName"/>.</summary>
    /// <param name="providerName">The configured provider name, e.g. <c>local</c>.</param>
    /// <param name="options">The provider's settings (Type is Local).</param>
    /// <returns>A thread-safe classifier.</returns>
    ITicketClassifier Create(string providerName, AiProviderOptions options);
}
