using System.Globalization;
using Microsoft.AspNetCore.Components;
using ReviewDesk.Engine.Activities;
using ReviewDesk.Engine.Definitions;
using ReviewDesk.Engine.Designer;
using ReviewDesk.Workflows.Designer;

namespace ReviewDesk.Web.Components.Designer;

/// <summary>
/// The property panel of one node, generated from its activity's settings schema, plus its retry
/// policy and connections. Each field is validated inline: text that does not fit stays in the field
/// with the reason under it and changes nothing.
/// </summary>
public sealed partial class NodePropertiesPanel
{
    private const string LabelKey = "$label";
    private string? _shownNodeId;
    private int _shownRevision = -1;

    [Parameter, EditorRequired]
    public required DesignerSession Session { get; set; }

    [Parameter, EditorRequired]
    public required WorkflowNode Node { get; set; }

    private ActivityDescriptor? Descriptor => Session.DescriptorOf(Node);

    private Dictionary<string, string> Texts { get; } = new(StringComparer.Ordinal);

    private Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    protected override void OnParametersSet()
    {
        // Another node, or the document changed underneath (undo, canvas): show the stored values again.
        if (_shownNodeId == Node.Id && _shownRevision == Session.Revision) return;
        if (_shownNodeId != Node.Id) Errors.Clear();
        _shownNodeId = Node.Id;
        _shownRevision = Session.Revision;
        Texts.Clear();
        Texts[LabelKey] = Node.DisplayName ?? "";
        foreach (var setting in Descriptor?.Settings ?? []) Texts[setting.Name] = SettingText.Format(setting, Node.Settings[setting.Name]);
        foreach (var field in Enum.GetValues<RetryField>()) Texts[RetryKey(field)] = SettingText.Format(Node.Retry, field);
    }

    private static string RetryKey(RetryField field) => $"$retry.{field}";

    private static string Help(ActivitySetting setting)
    {
        var parts = new List<string>();
        if (setting.Description is { } description) parts.Add(description);
        if (setting.Default is { } value) parts.Add($"Default: {SettingText.Format(value)}");
        if (setting.Kind == SettingKind.Duration) parts.Add("d.hh:mm:ss");
        if (setting.Minimum is { } min && setting.Kind != SettingKind.Duration) parts.Add($"min {min.ToString(CultureInfo.InvariantCulture)}");
        if (setting.Maximum is { } max && setting.Kind != SettingKind.Duration) parts.Add($"max {max.ToString(CultureInfo.InvariantCulture)}");
        return string.Join(" · ", parts);
    }

    private void SetLabel(string? text)
    {
        Texts[LabelKey] = text ?? "";
        Session.SetDisplayName(Node.Id, text);
    }

    private void SetSetting(ActivitySetting setting, string? text) =>
        Record(setting.Name, text, () => Session.SetSetting(Node.Id, setting.Name, text));

    private void SetRetry(RetryField field, string? text) =>
        Record(RetryKey(field), text, () => Session.SetRetry(Node.Id, field, text));

    private void Record(string key, string? text, Func<string?> apply)
    {
        var error = apply();
        Texts[key] = text ?? "";
        if (error is null) Errors.Remove(key);
        else Errors[key] = error;
        // Keep what the admin typed (valid or not) rather than re-reading the document for this change.
        _shownRevision = Session.Revision;
    }

    private void MakeStart() => Session.SetStartNode(Node.Id);

    private void Delete() => Session.DeleteNode(Node.Id);

    private void Connect(string outcome, string? to)
    {
        if (string.IsNullOrEmpty(to)) Session.Disconnect(Node.Id, outcome);
        else Session.Connect(Node.Id, outcome, to);
    }
}
