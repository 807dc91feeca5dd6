using Microsoft.AspNetCore.Components;
using ReviewDesk.Engine.Designer;
using ReviewDesk.Workflows.Designer;

namespace ReviewDesk.Web.Components.Designer;

/// <summary>
/// Test-runs the editor's document against a typed or recent sample ticket and shows each step and the path taken.
/// A run can be cancelled, and is when the admin leaves the page (its throwaway folder is deleted either way).
/// </summary>
public sealed partial class TestRunPanel : IDisposable
{
    [Inject]
    public required DefinitionTestRunner Runner { get; init; }

    [Parameter, EditorRequired]
    public required DesignerSession Session { get; set; }

    private IReadOnlyList<SampleTicket> Samples { get; set; } = [];
    private int? PickedSample { get; set; }
    private string? Subject { get; set; } = "Charged twice for my subscription";
    private string? Body { get; set; } = "Hello, my invoice this month shows the same charge twice. Please refund one.";
    private string? Channel { get; set; }
    private string? Email { get; set; }
    private bool Running => _run is not null;
    private bool Cancelled { get; set; }
    private TestRunResult? Result { get; set; }

    private CancellationTokenSource? _run;

    protected override async Task OnInitializedAsync() => Samples = await Runner.RecentSamplesAsync(20, CancellationToken.None);

    private void Pick(int? index)
    {
        PickedSample = index;
        if (index is not { } i) return;
        Subject = Samples[i].Subject;
        Body = Samples[i].Body;
        Channel = Samples[i].Channel;
    }

    private async Task RunAsync()
    {
        if (_run is not null) return;
        using var run = _run = new CancellationTokenSource();
        Result = null;
        Cancelled = false;
        var definition = Session.Definition;
        var sample = new SampleTicket(Subject ?? "", Body ?? "", Channel, Email);
        try
        {
            // Off the circuit's thread: the run builds a host of its own (migrations, model building), synchronous
            // work that would otherwise hold up every other click in the designer until it is done.
            Result = await Task.Run(() => Runner.RunAsync(definition, sample, run.Token), run.Token);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            Cancelled = true;
        }
        finally
        {
            _run = null;
        }
    }

    private void Cancel() => _run?.Cancel();

    public void Dispose() => _run?.Cancel();
}
