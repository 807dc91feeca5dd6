using Blazor.Diagrams.Core.Geometry;
using Blazor.Diagrams.Core.Models;

namespace ReviewDesk.Web.Components.Designer;

/// <summary>A definition node on the canvas: its id, label, type, problems, an input port and one port per outcome.</summary>
public sealed class FlowNodeModel : NodeModel
{
    public FlowNodeModel(string nodeId, string title, string type, IReadOnlyList<string> problems, bool isStart, Point position)
        : base(nodeId, position)
    {
        NodeId = nodeId;
        Title = title;
        Type = type;
        Problems = problems;
        IsStart = isStart;
    }

    /// <summary>The definition node's id.</summary>
    public string NodeId { get; }

    /// <summary>The activity type.</summary>
    public string Type { get; }

    /// <summary>Validation messages of this node (shown on it).</summary>
    public IReadOnlyList<string> Problems { get; private set; }

    /// <summary>Whether instances start here.</summary>
    public bool IsStart { get; private set; }

    /// <summary>Where connections arrive.</summary>
    public FlowPortModel Input { get; private set; } = null!;

    /// <summary>One port per outcome, in the activity's order.</summary>
    public IReadOnlyList<FlowPortModel> OutcomePorts { get; private set; } = [];

    /// <summary>Adds the ports; called once after construction.</summary>
    public void AddPorts(IEnumerable<string> outcomes)
    {
        Input = (FlowPortModel)AddPort(new FlowPortModel(this, null, PortAlignment.Left));
        OutcomePorts = [.. outcomes.Select(o => (FlowPortModel)AddPort(new FlowPortModel(this, o, PortAlignment.Right)))];
    }

    /// <summary>Shows the node's current label, problems and start mark; returns whether anything changed (then it needs a refresh).</summary>
    public bool Show(string title, IReadOnlyList<string> problems, bool isStart)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (Title == title && IsStart == isStart && Problems.SequenceEqual(problems, StringComparer.Ordinal)) return false;
        Title = title;
        Problems = problems;
        IsStart = isStart;
        return true;
    }
}
