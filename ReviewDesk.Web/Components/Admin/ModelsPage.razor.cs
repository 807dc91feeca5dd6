using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using ReviewDesk.Workflows.Ai;
using ReviewDesk.Workflows.Ai.Learning;
using ReviewDesk.Workflows.Ai.Local;
using ReviewDesk.Workflows.Ai.Semantic;

namespace ReviewDesk.Web.Components.Admin;

/// <summary>
/// <c>/models</c> (Admin): the local model's versions with one-click activation and rollback (confirmed), and the figures of a
/// version on its held-out reviewer-labelled tickets: confusion matrix, precision and recall per category and priority, a
/// reliability diagram and the auto-route curve with each variant's threshold, which can be set here (a new published version).
/// </summary>
public sealed partial class ModelsPage
{
    private const double W = 420, H = 250, Left = 40, Right = 12, Top = 12, Bottom = 30;
    // The curve spans every threshold a variant can have (ClassifierEvaluation evaluates 0 to 1).
    private const double CurveMin = 0.0;

    [Inject]
    public required ModelDashboard Dashboard { get; init; }

    [Inject]
    public required ModelRetrainer Retrainer { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    private ModelDashboardView? View { get; set; }

    private string? Message { get; set; }

    private Severity MessageSeverity { get; set; } = Severity.Info;

    private bool Busy { get; set; }

    private Dictionary<string, double> NewThresholds { get; } = new(StringComparer.Ordinal);

    protected override async Task OnInitializedAsync() => View = await Dashboard.LoadAsync(null, CancellationToken.None);

    private async Task SelectAsync(string version) => View = await Dashboard.LoadAsync(version, CancellationToken.None);

    private bool IsRollback(int number) => number < ActiveNumber();

    private int ActiveNumber() => View?.Versions.FirstOrDefault(v => v.Version == View.Active)?.Number ?? 0;

    private async Task ActivateAsync(string version, int number)
    {
        var rollback = IsRollback(number);
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            rollback ? $"Roll back to {version}?" : $"Make {version} active?",
            $"Every node classifies new tickets with {version} within seconds (now: {View!.Active}). You can switch back at any time.",
            yesText: rollback ? "Roll back" : "Make active", cancelText: "Cancel");
        if (confirmed != true) return;
        await RunAsync(async () =>
        {
            var result = await Retrainer.PromoteAsync(version, await ActorAsync(), CancellationToken.None);
            Say(result.Outcome == PromoteOutcome.NotFound ? $"There is no version {version}." : $"{version} is active (was {result.Previous}).",
                result.Outcome == PromoteOutcome.NotFound ? Severity.Error : Severity.Success);
        });
    }

    private Task ToggleShadowAsync(ModelVersionSummary version) => RunAsync(async () =>
    {
        var found = await Retrainer.SetShadowAsync(version.Version, !version.Shadow, await ActorAsync(), CancellationToken.None);
        Say(!found ? $"There is no version {version.Version}."
            : version.Shadow ? $"{version.Version} no longer classifies in shadow." : $"{version.Version} classifies new tickets in shadow (recorded, never acted on).",
            found ? Severity.Success : Severity.Error);
    });

    private Task RetrainAsync() => RunAsync(async () =>
    {
        var result = await Retrainer.RetrainAsync(await ActorAsync(), RetrainTriggers.OnDemand, CancellationToken.None);
        var v = result.Version;
        Say(result.Outcome switch
        {
            RetrainOutcome.Busy => "A retrain is already running; try again when it finished.",
            RetrainOutcome.NothingToLearn => "No reviewer has labelled a ticket yet: nothing to learn from.",
            _ => $"{v!.Version} {(result.Outcome == RetrainOutcome.Promoted ? "promoted" : "rejected")}: accuracy {F(v.Accuracy)} against {v.BaselineVersion}'s {F(v.BaselineAccuracy)}, macro-F1 {F(v.MacroF1)} against {F(v.BaselineMacroF1)}.",
        }, result.Outcome == RetrainOutcome.Promoted ? Severity.Success : Severity.Info);
    });

    private double NewThreshold(VariantThreshold t) => NewThresholds.TryGetValue(Key(t), out var value) ? value : t.Threshold;

    private static string Key(VariantThreshold t) => $"{t.DefinitionId}/{t.NodeId}";

    private Task SetThresholdAsync(VariantThreshold t) => RunAsync(async () =>
    {
        var threshold = Math.Clamp(NewThreshold(t), 0.0, 1.0);
        var result = await Dashboard.SetThresholdAsync(t.DefinitionId, t.NodeId, threshold, await ActorAsync(), CancellationToken.None);
        NewThresholds.Remove(Key(t));
        Say(result switch
        {
            null => $"{t.DefinitionId} has no published Decide node {t.NodeId} any more.",
            { Succeeded: true } => $"Published {t.DefinitionId} v{result.Version!.Version} with threshold {Num(threshold)}.",
            _ => $"{t.DefinitionId} was not published: {string.Join("; ", result.Errors.Select(e => e.Message))}",
        }, result is { Succeeded: true } ? Severity.Success : Severity.Error);
    });

    private async Task RunAsync(Func<Task> action)
    {
        Busy = true;
        try
        {
            await action();
            View = await Dashboard.LoadAsync(View?.Selected is { } selected && selected != View.Active ? selected : null, CancellationToken.None);
        }
        finally
        {
            Busy = false;
        }
    }

    private void Say(string message, Severity severity) => (Message, MessageSeverity) = (message, severity);

    private async Task<string> ActorAsync() =>
        AuthenticationState is null ? "unknown" : (await AuthenticationState).User.Identity?.Name ?? "unknown";

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private static string P(double share) => share.ToString("0%", CultureInfo.InvariantCulture);

    private static string Num(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    // The curve's x axis spans the thresholds evaluated (0 to 1).
    private static string X(double threshold) =>
        Num(Left + (Math.Clamp(threshold, CurveMin, 1.0) - CurveMin) / (1.0 - CurveMin) * (W - Left - Right));

    private static string XR(double confidence) => Num(Left + confidence * (W - Left - Right));

    private static double XRWidth(LocalCalibrationBucket b) => Math.Max(1, (b.Upper - b.Lower) * (W - Left - Right) - 2);

    private static string Y(double value) => Num(H - Bottom - value * (H - Top - Bottom));

    // Razor reserves <text>, so SVG labels are written as markup (the content encoded).
    private static MarkupString SvgText(string x, string y, string content, string? fill = null) => new(
        $"<text x=\"{x}\" y=\"{y}\"{(fill is null ? "" : $" fill=\"{fill}\"")}>{System.Net.WebUtility.HtmlEncode(content)}</text>");

    private static string CurvePoints(ClassifierScores scores, Func<AutoRoutePoint, double> value) =>
        string.Join(' ', scores.Curve.Select(p => $"{X(p.Threshold)},{Y(value(p))}"));

    private static string CellStyle(int count, int rowTotal, bool diagonal)
    {
        var alpha = (count / (double)rowTotal * 0.8).ToString("0.00", CultureInfo.InvariantCulture);
        return count == 0 ? "" : diagonal ? $"background-color: rgba(46,125,50,{alpha})" : $"background-color: rgba(198,40,40,{alpha})";
    }
}
