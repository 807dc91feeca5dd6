using System.Text.Json.Nodes;
using ReviewDesk.Engine.Definitions;

namespace ReviewDesk.Engine.Designer;

public sealed partial class DesignerSession
{
    /// <summary>
    /// Sets a node's setting from the text an admin typed (empty removes it, so the default applies).
    /// Text that does not fit the setting's schema changes nothing and is answered with the reason.
    /// </summary>
    /// <returns>Null when applied; otherwise the inline error.</returns>
    public string? SetSetting(string nodeId, string name, string? text)
    {
        var node = RequireNode(nodeId);
        var setting = DescriptorOf(node)?.Settings.FirstOrDefault(s => s.Name == name)
            ?? throw new ArgumentException($"{node.Type} has no setting '{name}'", nameof(name));
        var (value, error) = SettingText.Parse(setting, text);
        return error ?? SetSettingValue(nodeId, name, value);
    }

    /// <summary>Sets a node's setting to a JSON value (null removes it); refused when the activity's cross-field checks fail.</summary>
    /// <returns>Null when applied; otherwise the reason.</returns>
    public string? SetSettingValue(string nodeId, string name, JsonNode? value)
    {
        var node = RequireNode(nodeId);
        var settings = node.Settings.DeepClone().AsObject();
        if (value is null) settings.Remove(name);
        else settings[name] = value.DeepClone();
        var descriptor = DescriptorOf(node);
        if (descriptor?.Settings.FirstOrDefault(s => s.Name == name)?.Check(value) is { } problem) return problem;
        if (descriptor?.Validate?.Invoke(settings).FirstOrDefault() is { } crossField) return crossField;
        ReplaceNode(node with { Settings = settings });
        return null;
    }

    /// <summary>
    /// Sets one field of a node's retry policy from text (empty: the configured default). Text that is
    /// not a value of the field, or that makes the policy invalid over the defaults, changes nothing.
    /// </summary>
    /// <returns>Null when applied; otherwise the inline error.</returns>
    public string? SetRetry(string nodeId, RetryField field, string? text)
    {
        var node = RequireNode(nodeId);
        var (retry, error) = SettingText.Parse(node.Retry, field, text);
        if (error is not null) return error;
        if (_defaultRetry.With(retry).Problems().FirstOrDefault() is { } problem) return problem;
        ReplaceNode(node with { Retry = retry });
        return null;
    }

    /// <summary>Sets the definition's name and description.</summary>
    /// <returns>Null when applied; otherwise the inline error.</returns>
    public string? SetDetails(string? name, string? description)
    {
        if (string.IsNullOrWhiteSpace(name)) return "the name is required";
        Apply(Definition with { Name = name.Trim(), Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim() });
        return null;
    }

    /// <summary>Sets (or with null, removes) the variant selection rule.</summary>
    /// <returns>Null when applied; otherwise the rule's first problem.</returns>
    public string? SetSelection(VariantSelection? selection)
    {
        if (selection?.Problems().FirstOrDefault() is { } problem) return problem;
        Apply(Definition with { Selection = selection });
        return null;
    }
}
