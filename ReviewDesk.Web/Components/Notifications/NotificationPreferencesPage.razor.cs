using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Workflows.Notifications;

namespace ReviewDesk.Web.Components.Notifications;

/// <summary><c>/notifications</c>: the signed-in reviewer's notification preferences (categories, priorities, variants; immediately, digest, off).</summary>
public sealed partial class NotificationPreferencesPage
{
    [Inject]
    public required NotificationPreferenceStore Preferences { get; init; }

    [Inject]
    public required WorkflowDefinitionStore Definitions { get; init; }

    [Inject]
    public required IOptions<NotificationOptions> Options { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    private string UserName { get; set; } = "";
    private bool Loaded { get; set; }
    private bool Saving { get; set; }
    private bool Saved { get; set; }
    private string? Error { get; set; }
    private NotificationMode Mode { get; set; }
    private IReadOnlyCollection<string> Categories { get; set; } = [];
    private IReadOnlyCollection<string> Priorities { get; set; } = [];
    private IReadOnlyCollection<string> Variants { get; set; } = [];
    private IReadOnlyList<string> KnownVariants { get; set; } = [];
    private TimeSpan DigestInterval => Options.Value.Digest.Interval;

    protected override async Task OnInitializedAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        UserName = user?.Identity?.Name ?? "";
        var preferences = await Preferences.GetAsync(UserName, CancellationToken.None);
        Mode = preferences.Mode;
        Categories = [.. preferences.Categories];
        Priorities = [.. preferences.Priorities];
        Variants = [.. preferences.Variants];
        KnownVariants = [.. (await Definitions.ListLatestPublishedAsync(CancellationToken.None))
            .Where(d => d.Nodes.Any(n => n.Type == "ReviewGate")).Select(d => d.Id).Union(preferences.Variants).Order(StringComparer.Ordinal)];
        Loaded = true;
    }

    private async Task SaveAsync()
    {
        Saving = true;
        Saved = false;
        Error = null;
        var preferences = new NotificationPreferences { Mode = Mode, Categories = [.. Categories], Priorities = [.. Priorities], Variants = [.. Variants] };
        if (preferences.Validate() is { Count: > 0 } errors)
        {
            Error = string.Join(" ", errors.Values.SelectMany(e => e));
        }
        else
        {
            await Preferences.SaveAsync(UserName, preferences, CancellationToken.None);
            Saved = true;
        }

        Saving = false;
    }
}
