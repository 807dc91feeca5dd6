namespace ReviewDesk.Engine.Activities.BuiltIn;

/// <summary>Sets an instance variable to a JSON value.</summary>
public sealed class SetVariableActivity : IActivityType
{
    /// <inheritdoc />
    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = "SetVariable",
        DisplayName = "Set variable",
        Description = "Sets an instance variable to a value.",
        Category = "Flow",
        Settings =
        [
            new() { Name = "name", Label = "Variable", Kind = SettingKind.Text, Required = true },
            new() { Name = "value", Label = "Value", Kind = SettingKind.Json, Required = true },
        ],
    };

    /// <inheritdoc />
    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var name = context.GetString("name")!;
        context.Variables[name] = context.Settings["value"]?.DeepClone();
        return ValueTask.FromResult(ActivityResult.Done());
    }
}
