using System.Globalization;
using Microsoft.AspNetCore.Components;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Designer;
using ReviewDesk.Workflows.Designer;

namespace ReviewDesk.Web.Components.Designer;

/// <summary>The definition's own properties: name, description and its variant selection rule.</summary>
public sealed partial class DefinitionPropertiesPanel
{
    private int _shownRevision = -1;

    [Parameter, EditorRequired]
    public required DesignerSession Session { get; set; }

    private string? Name { get; set; }
    private string? Description { get; set; }
    private string? DetailsError { get; set; }
    private bool HasRule { get; set; }
    private string? Channels { get; set; }
    private string? Domains { get; set; }
    private string? Percent { get; set; }
    private string? Order { get; set; }
    private string? SelectionError { get; set; }

    protected override void OnParametersSet()
    {
        if (_shownRevision == Session.Revision) return;
        _shownRevision = Session.Revision;
        var definition = Session.Definition;
        Name = definition.Name;
        Description = definition.Description;
        var rule = definition.Selection;
        HasRule = rule is not null;
        Channels = rule is null ? null : string.Join(", ", rule.Channels);
        Domains = rule is null ? null : string.Join(", ", rule.EmailDomains);
        Percent = rule?.Percent?.ToString(CultureInfo.InvariantCulture);
        Order = rule?.Order.ToString(CultureInfo.InvariantCulture);
    }

    private void ApplyDetails()
    {
        DetailsError = Session.SetDetails(Name, Description);
        _shownRevision = Session.Revision;
    }

    private void ApplySelection()
    {
        SelectionError = null;
        if (!HasRule)
        {
            Session.SetSelection(null);
            return;
        }

        double? percent = null;
        if (!string.IsNullOrWhiteSpace(Percent))
        {
            if (!double.TryParse(Percent, NumberStyles.Float, CultureInfo.InvariantCulture, out var p))
            {
                SelectionError = "the percentage must be a number";
                return;
            }

            percent = p;
        }

        var order = 0;
        if (!string.IsNullOrWhiteSpace(Order) && !int.TryParse(Order, NumberStyles.Integer, CultureInfo.InvariantCulture, out order))
        {
            SelectionError = "the order must be a whole number";
            return;
        }

        SelectionError = Session.SetSelection(new VariantSelection
        {
            Channels = Split(Channels),
            EmailDomains = Split(Domains),
            Percent = percent,
            Order = order,
        });
        if (SelectionError is null) _shownRevision = -1;
    }

    private static IReadOnlyList<string> Split(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant())];
}
