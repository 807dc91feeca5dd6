using System.Globalization;
using Microsoft.AspNetCore.Components;
using ReviewDesk.Engine.Runtime;

namespace ReviewDesk.Web.Components.Operations;

/// <summary>An instance's status and position.</summary>
public sealed partial class InstanceSummary
{
    [Parameter, EditorRequired]
    public required WorkflowInstanceView Instance { get; set; }

    internal static string Format(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);
}
