using Microsoft.AspNetCore.Components;
using ReviewDesk.Engine.Designer;
using ReviewDesk.Workflows.Designer;

namespace ReviewDesk.Web.Components.Designer;

/// <summary>Test-runs the editor's document against a typed or recent sample ticket and shows each step and the path taken.</summary>
public sealed partial class TestRunPanel
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
    private bool Running { get; set; }
    private TestRunResult? Result { get; set; }

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
        Running = true;
        Result = null;
        try
        {
            Result = await Runner.RunAsync(Session.Definition, new SampleTicket(Subject ?? "", Body ?? "", Channel, Email), CancellationToken.None);
        }
        finally
        {
            Running = false;
        }
    }
}
