using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using ReviewDesk.Web.Identity;

namespace ReviewDesk.Web.Components.Admin;

/// <summary><c>/admin/api-keys</c>: admins create keys (shown once) and revoke them.</summary>
public sealed partial class ApiKeysPage
{
    [Inject]
    public required ApiKeyService ApiKeys { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    private IReadOnlyList<ApiKeyView>? Keys { get; set; }

    private string? NewName { get; set; }

    private HashSet<string> SelectedRoles { get; } = new(StringComparer.Ordinal);

    private string? NameError { get; set; }

    private string? RolesError { get; set; }

    private CreatedApiKey? Created { get; set; }

    private bool Busy { get; set; }

    protected override async Task OnInitializedAsync() => Keys = await ApiKeys.ListAsync(CancellationToken.None);

    private void ToggleRole(string role, bool on)
    {
        if (on) SelectedRoles.Add(role);
        else SelectedRoles.Remove(role);
    }

    private async Task CreateAsync()
    {
        Created = null;
        var errors = ApiKeyService.Validate(NewName, SelectedRoles);
        NameError = errors.GetValueOrDefault("name")?.FirstOrDefault();
        RolesError = errors.GetValueOrDefault("roles")?.FirstOrDefault();
        if (errors.Count > 0) return;

        Busy = true;
        try
        {
            Created = await ApiKeys.CreateAsync(NewName!, [.. SelectedRoles], await ActorAsync(), CancellationToken.None);
            NewName = null;
            SelectedRoles.Clear();
            Keys = await ApiKeys.ListAsync(CancellationToken.None);
        }
        catch (ArgumentException ex)
        {
            NameError = ex.Message;
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task RevokeAsync(ApiKeyView key)
    {
        Busy = true;
        try
        {
            if (await ApiKeys.RevokeAsync(key.Id, await ActorAsync(), CancellationToken.None)) Snackbar.Add($"Key {key.Name} revoked.", Severity.Info);
            if (Created?.Key.Id == key.Id) Created = null;
            Keys = await ApiKeys.ListAsync(CancellationToken.None);
        }
        finally
        {
            Busy = false;
        }
    }

    private async Task<string> ActorAsync() =>
        AuthenticationState is null ? "unknown" : (await AuthenticationState).User.Identity?.Name ?? "unknown";
}
